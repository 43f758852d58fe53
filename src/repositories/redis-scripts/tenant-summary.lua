--[[
  A tenant's key figures, from what the writes keep: its orders of each type counted in the index
  (ZLEXCOUNT, O(log n)), its lines and units summed over its origins' figures (O(origins)), its
  articles reserved from its counter. Expired orders are purged first (at most ARGV[11]), so none
  is counted.

  Input:  KEYS[1..13] order-context, KEYS[14] T sync:last; ARGV[1..10] order-context, ARGV[11] purge
          limit, ARGV[12] the ISO time an hour from now
  Derived keys: those of the purged orders' lines (from P).
  Output: {{Order, n, Cart, n, ExternalOrder, n, lines, n, units, n, articles, n}, origins, orders expiring within the hour, pending changes,
          last sync report JSON or nil}; {'moved', visible generation}
  Arity: KEYS 14, ARGV 12
]]
--- @include "check-generation"
--- @include "order-context"
--- @include "purge-due"
--- @include "sum-values"
register('tenant_summary', function(KEYS, ARGV)
  local moved = check_generation(KEYS, ARGV)
  if moved then return moved end
  local ctx = order_context(KEYS, ARGV)
  purge_due(ctx, tonumber(ARGV[11]))
  local function of_type(initial) return redis.call('ZLEXCOUNT', ctx.index, '[t' .. initial .. '\0', '(t' .. initial .. '\1') end
  return {
    {
      'Order', of_type('O'), 'Cart', of_type('C'), 'ExternalOrder', of_type('E'),
      'lines', sum_values(ctx.origin_lines), 'units', sum_values(ctx.origin_qty),
      'articles', redis.call('HGET', ctx.counters, 'articles') or '0',
    },
    redis.call('HLEN', ctx.origin_qty),
    redis.call('ZLEXCOUNT', ctx.index, '[x', '(x' .. ARGV[12] .. '\1'),
    redis.call('HLEN', ctx.changes),
    redis.call('GET', KEYS[14]),
  }
end)
