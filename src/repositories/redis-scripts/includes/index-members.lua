--- @include "guid-bytes"
-- An order's entries in G:i (decoded as `order`), as includes/zadd-members.lua describes them, and
-- the articles it has lines of, each once (their indexes are keys of their own, G:ai:<artGuid>:
-- includes/zadd-members.lua); `id_bytes` is the orderId's 16 bytes when the caller has them
-- (else they are computed: ~12k instructions, more than a redis.call).
local function index_members(id, order, id_bytes)
  local key = '\0' .. (id_bytes or guid_bytes(id))
  local members = { 't' .. string.sub(order.type, 1, 1) .. key, 'u' .. order.lastUpdated .. key }
  if order.expiresAt then members[3] = 'x' .. order.expiresAt .. key end
  local codes, arts, seen_art = {}, {}, {}
  for _, l in ipairs(order.lines) do
    if not codes[l.code] then
      codes[l.code] = true
      members[#members + 1] = 'c' .. l.code .. key
    end
    if not seen_art[l.artGuid] then
      seen_art[l.artGuid] = true
      arts[#arts + 1] = l.artGuid
    end
  end
  return members, arts
end
