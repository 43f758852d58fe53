-- A GUID's 16 bytes, as index entries hold it (not its 36 characters): '3fa85f64-5717-4562-b3fc-
-- 2c963f66afa6' (either case) -> 16 raw bytes, which compare in the same order as the text in lower case.
local function guid_bytes(guid)
  return struct.pack('>I4I4I4I4', tonumber(string.sub(guid, 1, 8), 16),
    tonumber(string.sub(guid, 10, 13) .. string.sub(guid, 15, 18), 16),
    tonumber(string.sub(guid, 20, 23) .. string.sub(guid, 25, 28), 16), tonumber(string.sub(guid, 29, 36), 16))
end
