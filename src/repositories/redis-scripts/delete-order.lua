--[[
  Deletes one order with everything it reserves, its index entries and counters.

  Input:  KEYS[1..13] order-context; ARGV[1..10] order-context, ARGV[11] orderId, ARGV[12] its 16 bytes
  Derived keys: the og/ar figure keys and G:ai index keys of the stored order's lines (from P).
  Output: {1} a live order was deleted, {0} there was none (or it had expired);
          {'moved', visible generation}
  Events: order.deleted (order.expired for one that had expired), stock_origin.saturation.

  A miss is recorded as a change too: should Redis have lost the order, the deletion still wins
  over the archived copy (restore skips it, the next sync deletes it from MongoDB).
  Arity: KEYS 13, ARGV 12
]]
--- @include "check-generation"
--- @include "decode-stored"
--- @include "finish"
--- @include "order-context"
--- @include "record-change"
--- @include "remove-order"
register('delete_order', function(KEYS, ARGV)
  local moved = check_generation(KEYS, ARGV)
  if moved then return moved end
  local ctx = order_context(KEYS, ARGV)
  local id, id_bytes = ARGV[11], ARGV[12]
  local stored = redis.call('HGET', ctx.orders, id)
  if not stored then
    record_change(ctx, id)
    return finish(ctx, { 0 })
  end
  local order = decode_stored(stored)
  if order.expiresAt and order.expiresAt <= ctx.now_iso then
    remove_order(ctx, id, order, stored, 'order.expired', id_bytes)
    return finish(ctx, { 0 })
  end
  remove_order(ctx, id, order, stored, 'order.deleted', id_bytes)
  return finish(ctx, { 1 })
end)
