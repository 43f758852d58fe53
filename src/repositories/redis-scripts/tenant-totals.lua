--[[
  A tenant's size as its figures say (metrics): units reserved across its origins, orders stored.

  Input:  KEYS[1] T gen, KEYS[2] G:oq, KEYS[3] G:o; ARGV[1] G
  Output: {units, orders}; {'moved', visible generation}
]]
--- @include "check-generation"
local units = 0
for _, qty in ipairs(redis.call('HVALS', KEYS[2])) do units = units + (tonumber(qty) or 0) end
return { string.format('%d', units), redis.call('HLEN', KEYS[3]) }
