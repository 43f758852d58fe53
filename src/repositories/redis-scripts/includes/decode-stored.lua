--- @include "lines-start"
-- A stored order (its compact JSON: repositories/orders/stored-order.ts) decoded:
-- { orderId, lastUpdated, expiresAt (or nil), type, lines = { { code, artGuid, qty }... } }.
-- Read by finding its control characters (14 to 22, domain/events.ts ORDER_JSON_PIECES), which
-- only ever mark the pieces (JSON escapes them inside strings), not expanded for cjson nor
-- matched by patterns (each cost a redefinition 10 to 14 % more, bench/NOTES.md). Ids, dates and
-- types hold nothing JSON escapes (the service checks them); a code may, and is then decoded by
-- cjson. A value stored as plain JSON (only a hand edit leaves one now) is decoded by cjson.
local function decode_stored(stored)
  if string.byte(stored) == 123 then return cjson.decode(stored) end
  local find, sub = string.find, string.sub
  local lines_at, updated, expires = lines_start(stored)
  local types = { ['\17'] = 'Order', ['\18'] = 'Cart', ['\19'] = 'ExternalOrder' }
  local order = {
    orderId = sub(stored, 2, updated - 1),
    lastUpdated = sub(stored, updated + 1, updated + 24),
    expiresAt = expires and sub(stored, expires + 1, expires + 24),
    type = types[sub(stored, lines_at - 1, lines_at - 1)],  -- the piece before the lines
  }
  local lines = {}
  local s = find(stored, '\20', lines_at, true)
  while s do
    local g = find(stored, '\21', s, true)
    local q = find(stored, '\22', g, true)
    local e = find(stored, '}', q, true)
    local code = sub(stored, s + 1, g - 1)
    if find(code, '\\', 1, true) then code = cjson.decode('"' .. code .. '"') end
    lines[#lines + 1] = { code = code, artGuid = sub(stored, g + 1, q - 1), qty = tonumber(sub(stored, q + 1, e - 1)) }
    s = find(stored, '\20', e, true)
  end
  order.lines = lines
  return order
end
