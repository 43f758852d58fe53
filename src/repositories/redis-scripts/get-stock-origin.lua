--[[
  What orders in progress reserve at one stock origin. Expired orders are purged first (at most
  ARGV[6], the sweeper does the rest), so none is counted.

  Input:  KEYS[1..7] order-keys, KEYS[8] G:og:<code>;
          ARGV[1..2] order-keys, ARGV[3] code, ARGV[4] now (ms), ARGV[5] change token, ARGV[6] purge limit
  Derived keys: those of the purged orders' lines (from P).
  Output: {units, lines, orders, {artGuid, units, ...}}; {'moved', visible generation}
]]
--- @include "order-keys"
--- @include "remove-order"
local code = ARGV[3]
purge_due(tonumber(ARGV[4]), tonumber(ARGV[6]), ARGV[5])
return {
  redis.call('HGET', ORIGIN_QTY, code) or '0',
  redis.call('HGET', ORIGIN_LINES, code) or '0',
  redis.call('HGET', ORIGIN_ORDERS, code) or '0',
  redis.call('HGETALL', KEYS[8]),
}
