--- @include "decode-stored"
--- @include "due-entries"
--- @include "guid-text"
--- @include "remove-order"
-- Removes up to `limit` orders whose expiry is at or before now; answers how many.
local function purge_due(ctx, limit)
  local entries = due_entries(ctx.index, ctx.now_iso, limit)
  for _, entry in ipairs(entries) do
    local id_bytes = string.sub(entry, 27)
    local id = guid_text(id_bytes)
    local stored = redis.call('HGET', ctx.orders, id)
    if stored then
      remove_order(ctx, id, decode_stored(stored), stored, 'order.expired', id_bytes)
    else
      -- An entry whose order is gone (only a hand edit leaves one): dropped.
      redis.call('ZREM', ctx.index, entry)
    end
  end
  return #entries
end
