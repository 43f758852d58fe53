--[[
  Forgets pending changes that the archive now reflects, unless the order changed again since
  (its change token is another): a change made during a sync is written by the next one.

  Input:  KEYS[1] T dirty; ARGV: orderId, token, orderId, token, ...
  Output: how many changes were forgotten
  Arity: KEYS 1, ARGV 2+
]]
register('ack_changes', function(KEYS, ARGV)
  local forgotten = 0
  for i = 1, #ARGV, 2 do
    if redis.call('HGET', KEYS[1], ARGV[i]) == ARGV[i + 1] then
      redis.call('HDEL', KEYS[1], ARGV[i])
      forgotten = forgotten + 1
    end
  end
  return forgotten
end)
