--[[
  A tenant's size as its counters say (metrics): units reserved across its origins, orders stored.

  Input:  KEYS[1] T gen, KEYS[2] G:n, KEYS[3] G:o; ARGV[1] G
  Output: {units, orders}; {'moved', visible generation}
]]
--- @include "check-generation"
return { redis.call('HGET', KEYS[2], 'units') or '0', redis.call('HLEN', KEYS[3]) }
