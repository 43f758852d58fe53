-- A string field of a stored order's JSON (orderId, lastUpdated, expiresAt, type), or nil, without
-- decoding it: the same reasoning, a bare '"<name>":"' can only be that key. Such values hold no
-- quote (ids, ISO dates, a type name).
local function json_string_field(json, name)
  local key = '"' .. name .. '":"'
  local s = string.find(json, key, 1, true)
  if not s then return nil end
  local from = s + #key
  return string.sub(json, from, string.find(json, '"', from, true) - 1)
end
