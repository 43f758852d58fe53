--[[
  Moves an order's expiry (a hold) without rewriting its lines: its stored form gets the new
  `expiresAt`, its expiry entry in the index moves, the change is recorded for the next sync and
  told as order.updated. Its figures do not move.

  Input:  KEYS[1..13] order-context; ARGV[1..10] order-context, ARGV[11] orderId,
          ARGV[12] the new expiresAt (ISO, 24 characters, later than now)
  Output: {1} the order's hold was moved, {0} there is no live order of that id;
          {'moved', visible generation}
  Events: order.updated (the order as it is now).
  Arity: KEYS 13, ARGV 12
]]
--- @include "check-generation"
--- @include "emit-order-event"
--- @include "finish"
--- @include "guid-bytes"
--- @include "order-context"
--- @include "record-change"
--- @include "stored-date"
register('hold_order', function(KEYS, ARGV)
  local moved = check_generation(KEYS, ARGV)
  if moved then return moved end
  local ctx = order_context(KEYS, ARGV)
  local id, expires_at = ARGV[11], ARGV[12]
  local stored = redis.call('HGET', ctx.orders, id)
  if not stored then return finish(ctx, { 0 }) end
  local old = stored_date(stored, '\16')
  -- An order past its expiry is no longer live: the sweeper (or the next read) removes it.
  if old and old <= ctx.now_iso then return finish(ctx, { 0 }) end

  local updated
  if old then
    local s = string.find(stored, '\16', 1, true) + 1
    updated = string.sub(stored, 1, s - 1) .. expires_at .. string.sub(stored, s + #old)
    redis.call('ZREM', ctx.index, 'x' .. old .. '\0' .. guid_bytes(id))
  else
    -- The stored form is the service's (stored-order.ts): expiresAt follows lastUpdated, a date
    -- of 24 characters after its piece.
    local e = string.find(stored, '\15', 1, true) + 24
    updated = string.sub(stored, 1, e) .. '\16' .. expires_at .. string.sub(stored, e + 1)
  end
  redis.call('ZADD', ctx.index, '0', 'x' .. expires_at .. '\0' .. guid_bytes(id))
  redis.call('HSET', ctx.orders, id, updated)
  record_change(ctx, id)
  emit_order_event(ctx, 'order.updated', updated)
  return finish(ctx, { 1 })
end)
