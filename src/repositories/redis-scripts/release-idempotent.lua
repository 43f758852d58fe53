--[[
  A request with an Idempotency-Key stopped without completing its record (Redis failed, the
  service stopped): a retry may go on at once rather than wait for the record to time out.

  Input:  KEYS[1] T idem:<key>; ARGV[1] the request id that started it
  Output: 1 released, 0 the record is another request's or complete
  Arity: KEYS 1, ARGV 1
]]
register('release_idempotent', function(KEYS, ARGV)
  if redis.call('HGET', KEYS[1], 'state') == 'running' and redis.call('HGET', KEYS[1], 'requestId') == ARGV[1] then
    redis.call('HSET', KEYS[1], 'runningUntil', 0)
    return 1
  end
  return 0
end)
