--[[
  A tenant's key figures, from its counters: a fixed number of O(1) and O(log n) reads whatever
  its size. Expired orders are purged first (at most ARGV[11]), so none is counted.

  Input:  KEYS[1..12] order-keys, KEYS[13] T sync:last; ARGV[1..10] order-keys, ARGV[11] purge
          limit, ARGV[12] the ISO time an hour from now
  Derived keys: those of the purged orders' lines (from P).
  Output: {{counter, value, ...}, origins, orders expiring within the hour, pending changes,
          last sync report JSON or nil}; {'moved', visible generation}
]]
--- @include "order-keys"
--- @include "remove-order"
purge_due(tonumber(ARGV[11]))
return {
  redis.call('HGETALL', COUNTERS),
  redis.call('HLEN', ORIGIN_QTY),
  redis.call('ZLEXCOUNT', INDEX, '[x', '(x' .. ARGV[12] .. '\1'),
  redis.call('HLEN', CHANGES),
  redis.call('GET', KEYS[13]),
}
