-- A GUID's text, in lower case, from its 16 bytes (guid-bytes).
local function guid_text(bytes)
  return string.format('%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x', string.byte(bytes, 1, 16))
end
