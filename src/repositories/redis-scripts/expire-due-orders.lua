--[[
  Removes orders whose expiry has passed, with everything they reserve (the expiry sweeper).

  Input:  KEYS[1..13] order-context; ARGV[1..10] order-context, ARGV[11] at most this many orders
  Derived keys: the og/ar figure keys and G:ai index keys of the removed orders' lines (from P).
  Output: {how many were removed}; {'moved', visible generation}
  Events: order.expired per order, stock_origin.saturation.
  Arity: KEYS 13, ARGV 11+
]]
--- @include "check-generation"
--- @include "order-context"
--- @include "purge-due"
register('expire_due_orders', function(KEYS, ARGV)
  local moved = check_generation(KEYS, ARGV)
  if moved then return moved end
  local ctx = order_context(KEYS, ARGV)
  return { purge_due(ctx, tonumber(ARGV[11])) }
end)
