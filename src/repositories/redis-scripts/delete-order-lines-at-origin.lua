--[[
  Removes an order's lines at one stock origin (the origin shipped them); an order left without
  lines is deleted (includes/remove-lines-at-origin.lua).

  Input:  KEYS[1..13] order-context, KEYS[14] G:og:<code>; ARGV[1..10] order-context, ARGV[11] orderId,
          ARGV[12] code, ARGV[13] the code as JSON.stringify encodes it, ARGV[14] the orderId's 16 bytes
  Derived keys: G:ar:<artGuid> and G:ai:<artGuid> of the removed lines' articles, and every figure
          key of the order when it is deleted whole (from P).
  Output: {1} the order exists, {0} it does not (or had expired); {'moved', visible generation}
  Events: order.lines_removed (order.expired for one that had expired), stock_origin.saturation.
  Arity: KEYS 14, ARGV 14
]]
--- @include "check-generation"
--- @include "finish"
--- @include "order-context"
--- @include "remove-lines-at-origin"
register('delete_order_lines_at_origin', function(KEYS, ARGV)
  local moved = check_generation(KEYS, ARGV)
  if moved then return moved end
  local ctx = order_context(KEYS, ARGV)
  return finish(ctx, { remove_lines_at_origin(ctx, ARGV[11], ARGV[12], ARGV[13], KEYS[14], ARGV[14]) })
end)
