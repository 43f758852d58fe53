--[[
  Every stock origin's totals and capacity. Expired orders are purged first (at most ARGV[11]).
  The caller ranks them: O(origins) per call, where a ranking index would cost every write more.

  Input:  KEYS[1..12] order-keys; ARGV[1..10] order-keys, ARGV[11] purge limit
  Derived keys: those of the purged orders' lines (from P).
  Output: {{code, units, ...}, {code, lines, ...}, {code, orders, ...}, {code, capacity, ...}};
          {'moved', visible generation}
]]
--- @include "order-keys"
--- @include "remove-order"
purge_due(tonumber(ARGV[11]))
return {
  redis.call('HGETALL', ORIGIN_QTY),
  redis.call('HGETALL', ORIGIN_LINES),
  redis.call('HGETALL', ORIGIN_ORDERS),
  redis.call('HGETALL', CAPACITIES),
}
