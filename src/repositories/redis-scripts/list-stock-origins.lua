--[[
  Every stock origin's totals and capacity. Expired orders are purged first (at most ARGV[11]).
  The caller ranks them: O(origins) per call, where a ranking index would cost every write more.

  Input:  KEYS[1..13] order-context; ARGV[1..10] order-context, ARGV[11] purge limit
  Derived keys: those of the purged orders' lines (from P).
  Output: {{code, units, ...}, {code, lines, ...}, {code, orders, ...}, {code, capacity, ...}};
          {'moved', visible generation}
  Arity: KEYS 13, ARGV 11
]]
--- @include "check-generation"
--- @include "order-context"
--- @include "purge-due"
register('list_stock_origins', function(KEYS, ARGV)
  local moved = check_generation(KEYS, ARGV)
  if moved then return moved end
  local ctx = order_context(KEYS, ARGV)
  purge_due(ctx, tonumber(ARGV[11]))
  return {
    redis.call('HGETALL', ctx.origin_qty),
    redis.call('HGETALL', ctx.origin_lines),
    redis.call('HGETALL', ctx.origin_orders),
    redis.call('HGETALL', ctx.capacities),
  }
end)
