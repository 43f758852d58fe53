--[[
  Releases a tenant lease if it is still ours.
  Input: KEYS[1] the lease key; ARGV[1] our token.   Output: 1 released, 0 it was not ours any more
  Arity: KEYS 1, ARGV 1
]]
register('release_lease', function(KEYS, ARGV)
  if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
  return 0
end)
