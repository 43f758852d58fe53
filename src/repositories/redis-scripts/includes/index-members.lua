-- An order's index entries (decoded as `order`).
local function index_members(id, order)
  local members = { 't' .. order.type .. '\0' .. id, 'u' .. order.lastUpdated .. '\0' .. id }
  if order.expiresAt then members[3] = 'x' .. order.expiresAt .. '\0' .. id end
  local seen = {}
  for _, l in ipairs(order.lines) do
    if not seen[l.code] then
      seen[l.code] = true
      members[#members + 1] = 'c' .. l.code .. '\0' .. id
    end
    -- '\1' keeps an article apart from a code spelled the same (codes have no control character).
    if not seen['\1' .. l.artGuid] then
      seen['\1' .. l.artGuid] = true
      members[#members + 1] = 'a' .. l.artGuid .. '\0' .. id
    end
  end
  return members
end
