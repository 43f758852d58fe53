-- An event id whose string order is its order (the lexicographic indexes sort by it).
local function wh_pad(event_id)
  local dash = string.find(event_id, '-', 1, true)
  local ms, seq = string.sub(event_id, 1, dash - 1), string.sub(event_id, dash + 1)
  return string.rep('0', 16 - #ms) .. ms .. '-' .. string.rep('0', 16 - #seq) .. seq
end
