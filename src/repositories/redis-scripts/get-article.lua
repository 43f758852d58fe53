--[[
  Where one article is reserved. Expired orders are purged first (at most ARGV[6]).

  Input:  KEYS[1..7] order-keys, KEYS[8] G:ar:<artGuid>;
          ARGV[1..2] order-keys, ARGV[3] artGuid, ARGV[4] now (ms), ARGV[5] change token, ARGV[6] purge limit
  Derived keys: those of the purged orders' lines (from P).
  Output: {{code, units, ...}}; {'moved', visible generation}
]]
--- @include "order-keys"
--- @include "remove-order"
purge_due(tonumber(ARGV[4]), tonumber(ARGV[6]), ARGV[5])
return { redis.call('HGETALL', KEYS[8]) }
