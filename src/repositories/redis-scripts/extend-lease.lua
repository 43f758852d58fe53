--[[
  Extends a tenant lease if it is still ours.
  Input: KEYS[1] the lease key; ARGV[1] our token, ARGV[2] its new time to live (ms).
  Output: 1 extended, 0 it was not ours any more (it expired and another holder took it)
  Arity: KEYS 1, ARGV 2
]]
register('extend_lease', function(KEYS, ARGV)
  if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
  return 0
end)
