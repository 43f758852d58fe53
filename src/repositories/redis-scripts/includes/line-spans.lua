--- @include "lines-start"
-- The lines of a stored order (its compact JSON: repositories/orders/stored-order.ts), each
-- `\20<code as JSON, without its quotes>\21<artGuid>\22<qty>}`: per line its first and last
-- character, the position where its artGuid starts and where its qty starts; and where the lines
-- start (lines_start). The control characters only ever mark the pieces (JSON escapes them
-- inside strings).
local function line_spans(stored)
  local spans = {}
  local from = lines_start(stored)
  local s = string.find(stored, '\20', from, true)
  while s do
    local g = string.find(stored, '\21', s, true) + 1
    local q = g + 36
    local e = string.find(stored, '}', q, true)
    spans[#spans + 1] = { s, e, g, q + 1 }
    s = string.find(stored, '\20', e, true)
  end
  return spans, from
end
