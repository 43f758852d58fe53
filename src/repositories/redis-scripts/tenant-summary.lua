--[[
  A tenant's key figures, from its counters: a fixed number of O(1) and O(log n) reads whatever
  its size. Expired orders are purged first (at most ARGV[11]), so none is counted.

  Input:  KEYS[1..13] order-context, KEYS[14] T sync:last; ARGV[1..10] order-context, ARGV[11] purge
          limit, ARGV[12] the ISO time an hour from now
  Derived keys: those of the purged orders' lines (from P).
  Output: {{counter, value, ...}, origins, orders expiring within the hour, pending changes,
          last sync report JSON or nil}; {'moved', visible generation}
  Arity: KEYS 14, ARGV 12
]]
--- @include "check-generation"
--- @include "order-context"
--- @include "purge-due"
register('tenant_summary', function(KEYS, ARGV)
  local moved = check_generation(KEYS, ARGV)
  if moved then return moved end
  local ctx = order_context(KEYS, ARGV)
  purge_due(ctx, tonumber(ARGV[11]))
  return {
    redis.call('HGETALL', ctx.counters),
    redis.call('HLEN', ctx.origin_qty),
    redis.call('ZLEXCOUNT', ctx.index, '[x', '(x' .. ARGV[12] .. '\1'),
    redis.call('HLEN', ctx.changes),
    redis.call('GET', KEYS[14]),
  }
end)
