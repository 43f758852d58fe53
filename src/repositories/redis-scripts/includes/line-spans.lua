-- The lines of a stored order (its compact JSON: repositories/orders/stored-order.ts), each
-- `\6<code as JSON>\7"<artGuid>"\8<qty>}`: per line its first and last character, the position
-- where its artGuid starts and where its qty starts; and where the lines start. The control
-- characters only ever mark the pieces (JSON escapes them inside strings).
local function line_spans(stored)
  local spans = {}
  local from = string.find(stored, '\5', 1, true) + 1
  local s = string.find(stored, '\6', from, true)
  while s do
    local g = string.find(stored, '\7', s, true) + 2
    local q = string.find(stored, '\8', g + 36, true)
    local e = string.find(stored, '}', q, true)
    spans[#spans + 1] = { s, e, g, q + 1 }
    s = string.find(stored, '\6', e, true)
  end
  return spans, from
end
