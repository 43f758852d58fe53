--[[
  A tenant's size as its figures say (metrics): units reserved across its origins, orders stored.

  Input:  KEYS[1] T gen, KEYS[2] G:oq, KEYS[3] G:o; ARGV[1] G
  Output: {units, orders}; {'moved', visible generation}
  Arity: KEYS 3, ARGV 1
]]
--- @include "check-generation"
--- @include "sum-values"
register('tenant_totals', function(KEYS, ARGV)
  local moved = check_generation(KEYS, ARGV)
  if moved then return moved end
  return { sum_values(KEYS[2]), redis.call('HLEN', KEYS[3]) }
end)
