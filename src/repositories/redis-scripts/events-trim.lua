--[[
  Drops a tenant's events appended before a given id (the retention by age), but never the
  newest one: a consumer that is up to date holds its id as cursor, which must stay covered.

  Input:  KEYS[1] the tenant's events stream; ARGV[1] the oldest id to keep (`<ms>-0`)
  Output: how many events were dropped
  Arity: KEYS 1, ARGV 1
]]
--- @include "stream-id-cmp"
register('events_trim', function(KEYS, ARGV)
  local newest = redis.call('XREVRANGE', KEYS[1], '+', '-', 'COUNT', 1)
  if #newest == 0 then return 0 end
  local keep_from = ARGV[1]
  if stream_id_cmp(newest[1][1], keep_from) < 0 then keep_from = newest[1][1] end
  return redis.call('XTRIM', KEYS[1], 'MINID', keep_from)
end)
