--[[
  Migration of the first build's layout: each generation's units per origin (G:oq) was a sorted
  set; this build keeps it as a hash, like every other figure. Converts, atomically per tenant,
  those still of the old type; a key already converted is left alone.

  Input:  KEYS: the G:oq key of each of the tenant's generations (visible and awaiting deletion)
  Output: how many it converted
  Arity: KEYS 0+, ARGV 0+
]]
register('migrations_upgrade_origin_qty', function(KEYS, ARGV)
  local converted = 0
  for _, key in ipairs(KEYS) do
    if redis.call('TYPE', key).ok == 'zset' then
      local flat = redis.call('ZRANGE', key, 0, -1, 'WITHSCORES')
      redis.call('DEL', key)
      for j = 1, #flat, 2 do redis.call('HSET', key, flat[j], string.format('%d', tonumber(flat[j + 1]))) end
      converted = converted + 1
    end
  end
  return converted
end)
