--[[
  Drops a tenant's events appended before a given id (the retention by age), but never the
  newest one: a consumer that is up to date holds its id as cursor, which must stay covered.

  Input:  KEYS[1] the tenant's events stream; ARGV[1] the oldest id to keep (`<ms>-0`)
          ARGV[2] the most bytes of events to keep (0: no limit): the oldest beyond are dropped too
  Output: how many events were dropped
  Arity: KEYS 1, ARGV 2
]]
--- @include "stream-id-cmp"
register('events_trim', function(KEYS, ARGV)
  local newest = redis.call('XREVRANGE', KEYS[1], '+', '-', 'COUNT', 1)
  if #newest == 0 then return 0 end
  local keep_from = ARGV[1]
  if stream_id_cmp(newest[1][1], keep_from) < 0 then keep_from = newest[1][1] end
  -- The retention in bytes: walk back from the newest, a batch at a time, until the events kept
  -- fill the budget; the ones older than the last that fits go (events carry whole orders).
  local most_bytes = tonumber(ARGV[2]) or 0
  if most_bytes > 0 then
    local bytes, before, kept = 0, '+', newest[1][1]
    while true do
      local batch = redis.call('XREVRANGE', KEYS[1], before, keep_from, 'COUNT', 100)
      if #batch == 0 then break end
      local full = false
      for _, entry in ipairs(batch) do
        local size = #entry[1]
        for _, field in ipairs(entry[2]) do size = size + #field end
        bytes = bytes + size
        if bytes > most_bytes then
          full = true
          break
        end
        kept = entry[1]
      end
      if full then
        if stream_id_cmp(kept, keep_from) > 0 then keep_from = kept end
        break
      end
      before = '(' .. batch[#batch][1]
    end
  end
  return redis.call('XTRIM', KEYS[1], 'MINID', keep_from)
end)
