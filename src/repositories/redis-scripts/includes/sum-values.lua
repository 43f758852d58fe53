-- The sum of a hash's values, integers: a tenant's lines or units over its origins' figures (G:ol,
-- G:oq), which no counter of its own repeats. One HVALS: its cost grows with the tenant's origins.
local function sum_values(key)
  local total = 0
  for _, v in ipairs(redis.call('HVALS', key)) do total = total + tonumber(v) end
  return total
end
