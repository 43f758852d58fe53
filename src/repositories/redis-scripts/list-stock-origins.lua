--[[
  Every stock origin's totals. Expired orders are purged first (at most ARGV[5]). The caller
  ranks them: O(origins) per call, where a ranking index would cost every write more.

  Input:  KEYS[1..7] order-keys; ARGV[1..2] order-keys, ARGV[3] now (ms), ARGV[4] change token,
          ARGV[5] purge limit
  Derived keys: those of the purged orders' lines (from P).
  Output: {{code, units, ...}, {code, lines, ...}, {code, orders, ...}}; {'moved', visible generation}
]]
--- @include "order-keys"
--- @include "remove-order"
purge_due(tonumber(ARGV[3]), tonumber(ARGV[5]), ARGV[4])
return { redis.call('HGETALL', ORIGIN_QTY), redis.call('HGETALL', ORIGIN_LINES), redis.call('HGETALL', ORIGIN_ORDERS) }
