-- The lines of a stored order's JSON: per line its first and last character, and the position
-- where its artGuid starts; and where the lines array starts and ends.
local function line_spans(stored)
  local spans = {}
  local from = string.find(stored, '"lines":[', 1, true) + 9
  local s = string.find(stored, '{"code":', from, true)
  while s do
    local g = string.find(stored, ',"artGuid":"', s, true) + 12
    local q = string.find(stored, '"qty":', g + 36, true)
    local e = string.find(stored, '}', q, true)
    spans[#spans + 1] = { s, e, g, q + 6 }
    s = string.find(stored, '{"code":', e, true)
  end
  return spans, from
end
