--[[
  Starts a request that carries an Idempotency-Key, or tells how an earlier one with that key
  stands. The record (T idem:<key>, a hash) lives ARGV[4] ms from its first request; the script
  that makes the change completes it (includes/finish.lua).

  Input:  KEYS[1] T idem:<key>; ARGV[1] the request's fingerprint (method, path, body), ARGV[2] its
          request id, ARGV[3] now (ms), ARGV[4] the record's time to live (ms), ARGV[5] how long
          a started request may run before a retry may take over (ms)
          KEYS[2] T idemq (the tenant's records by expiry, a sorted set), ARGV[6] the tenant's
          quota of records (0: none)
  Output: {'new'} this request goes on (a record of an earlier one that stopped half-way, a wave
          of shipments, is resumed: its chunks done are kept);
          {'done', outcome JSON, request id of the first} a retry to answer from the record;
          {'running'} the first is still running; {'mismatch'} the key was used for another request;
          {'quota', limit} a new record past the tenant's quota: nothing was written
  Arity: KEYS 2, ARGV 6
]]
register('begin_idempotent', function(KEYS, ARGV)
  local record = redis.call('HMGET', KEYS[1], 'fingerprint', 'state', 'outcome', 'requestId', 'runningUntil')
  local now = tonumber(ARGV[3])
  if record[1] and record[1] ~= ARGV[1] then return { 'mismatch' } end
  if record[2] == 'done' then return { 'done', record[3], record[4] } end
  if record[2] == 'running' and tonumber(record[5]) > now then return { 'running' } end
  if not record[1] then
    -- The tenant's live records, counted where parallel requests cannot all pass the quota.
    local most = tonumber(ARGV[6]) or 0
    redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
    if most > 0 and redis.call('ZCARD', KEYS[2]) >= most then return { 'quota', tostring(most) } end
    redis.call('ZADD', KEYS[2], now + tonumber(ARGV[4]), KEYS[1])
    redis.call('PEXPIRE', KEYS[2], ARGV[4])
  end
  redis.call('HSET', KEYS[1], 'fingerprint', ARGV[1], 'requestId', ARGV[2], 'state', 'running', 'runningUntil', now + tonumber(ARGV[5]))
  if not record[1] then redis.call('PEXPIRE', KEYS[1], ARGV[4]) end
  return { 'new' }
end)
