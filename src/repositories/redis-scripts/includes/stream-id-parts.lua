-- Stream ids `<ms>-<seq>` compared as numbers (their string order is not their order).
local function stream_id_parts(id)
  local dash = string.find(id, '-', 1, true)
  return tonumber(string.sub(id, 1, dash - 1)), tonumber(string.sub(id, dash + 1))
end
