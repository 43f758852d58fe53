--- @include "guid-bytes"
-- An order's index entries (decoded as `order`), as includes/zadd-members.lua describes them;
-- `id_bytes` is the orderId's 16 bytes when the caller has them (else they are computed: ~12k
-- instructions, more than a redis.call).
local function index_members(id, order, id_bytes)
  local key = '\0' .. (id_bytes or guid_bytes(id))
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
      members[#members + 1] = 'a' .. l.artGuid .. key
    end
  end
  return members
end
