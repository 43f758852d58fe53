--[[
  What orders in progress reserve at one stock origin. Expired orders are purged first (at most
  ARGV[12]; the sweeper does the rest), so none is counted.

  Input:  KEYS[1..12] order-keys, KEYS[13] G:og:<code>; ARGV[1..10] order-keys, ARGV[11] code,
          ARGV[12] purge limit
  Derived keys: those of the purged orders' lines (from P).
  Output: {units, lines, orders, {artGuid, units, ...}, capacity or nil}; {'moved', visible generation}
]]
--- @include "order-keys"
--- @include "remove-order"
local code = ARGV[11]
purge_due(tonumber(ARGV[12]))
return {
  redis.call('HGET', ORIGIN_QTY, code) or '0',
  redis.call('HGET', ORIGIN_LINES, code) or '0',
  redis.call('HGET', ORIGIN_ORDERS, code) or '0',
  redis.call('HGETALL', KEYS[13]),
  redis.call('HGET', CAPACITIES, code),
}
