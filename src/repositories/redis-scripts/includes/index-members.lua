--- @include "guid-bytes"
-- An order's index entries (decoded as `order`), as includes/zadd-members.lua describes them.
local function index_members(id, order)
  local key = '\0' .. guid_bytes(id)
  local members = { 't' .. string.sub(order.type, 1, 1) .. key, 'u' .. order.lastUpdated .. key }
  if order.expiresAt then members[3] = 'x' .. order.expiresAt .. key end
  local seen = {}
  for _, l in ipairs(order.lines) do
    if not seen[l.code] then
      seen[l.code] = true
      members[#members + 1] = 'c' .. l.code .. key
    end
    -- '\1' keeps an article apart from a code spelled the same (codes have no control character).
    if not seen['\1' .. l.artGuid] then
      seen['\1' .. l.artGuid] = true
      members[#members + 1] = 'a' .. guid_bytes(l.artGuid) .. key
    end
  end
  return members
end
