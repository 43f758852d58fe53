-- A stored order (its compact JSON: repositories/orders/stored-order.ts) decoded:
-- { orderId, lastUpdated, expiresAt (or nil), type, lines = { { code, artGuid, qty }... } }.
-- Read by finding its control characters, which only ever mark the pieces (JSON escapes them
-- inside strings), not expanded for cjson nor matched by patterns (each cost a redefinition 10 to
-- 14 % more, bench/NOTES.md). Ids, dates and types hold nothing JSON escapes (the service checks
-- them); a code may, and is then decoded by cjson. A value stored as plain JSON (only a hand edit
-- leaves one now) is decoded by cjson.
local function decode_stored(stored)
  if string.byte(stored) == 123 then return cjson.decode(stored) end
  local find, sub = string.find, string.sub
  local updated = find(stored, '\2', 1, true)
  local expires = find(stored, '\3', updated, true)
  local kind = find(stored, '\4', updated, true)
  local lines_at = find(stored, '\5', kind, true)
  local order = {
    orderId = sub(stored, 3, updated - 2),
    lastUpdated = sub(stored, updated + 2, updated + 25),
    expiresAt = expires and sub(stored, expires + 2, expires + 25),
    type = sub(stored, kind + 2, lines_at - 2),
  }
  local lines = {}
  local s = find(stored, '\6', lines_at, true)
  while s do
    local g = find(stored, '\7', s, true)
    local q = find(stored, '\8', g, true)
    local e = find(stored, '}', q, true)
    local code = sub(stored, s + 2, g - 2)
    if find(code, '\\', 1, true) then code = cjson.decode('"' .. code .. '"') end
    lines[#lines + 1] = { code = code, artGuid = sub(stored, g + 2, q - 2), qty = tonumber(sub(stored, q + 1, e - 1)) }
    s = find(stored, '\6', e, true)
  end
  order.lines = lines
  return order
end
