-- Whether a stored order's JSON is expired, without decoding it. Stored dates are
-- YYYY-MM-DDTHH:mm:ss.sssZ (24 characters), whose string order is time order; a bare
-- '"expiresAt":"' can only be that key, since quotes inside JSON strings are escaped.
local function json_expired(json, now_iso)
  local s = string.find(json, '"expiresAt":"', 1, true)
  return s ~= nil and string.sub(json, s + 13, s + 36) <= now_iso
end

-- The same for a decoded order.
local function order_expired(order, now_iso)
  return order.expiresAt ~= nil and order.expiresAt <= now_iso
end

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
