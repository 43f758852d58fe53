--- @include "wh-key"
-- Counts one delivery attempt in the endpoint's figures (webhook-stats.lua reads them), in
--   W st5:<ep>:<n>  hash per 5-minute bucket n (ms / 300000), gone an hour after the bucket ends
--   W st:<ep>:<n>   hash per hour n (ms / 3600000), gone a day after the hour ends
-- fields a (attempts), ok (attempts answered 2xx in time), d (deliveries delivered), f (deliveries
-- failed for good), h1..h12 (attempts by duration: <=10, 25, 50, 100, 250, 500, 1000, 2500, 5000,
-- 10000, 30000 ms, more); and W last:<ep>, a hash of the last success and the last failure.
-- A dozen small fields per key: compact listpacks, a few commands per attempt.
local function wh_count(prefix, endpoint_id, now, attempt_ok, final_status, duration_ms, status_code, error_text)
  local bounds = { 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000 }
  local slot = #bounds + 1
  for i, bound in ipairs(bounds) do
    if duration_ms <= bound then
      slot = i
      break
    end
  end
  local five = math.floor(now / 300000)
  local hour = math.floor(now / 3600000)
  local buckets = {
    { wh_key(prefix, 'st5', endpoint_id) .. ':' .. five, (five + 1) * 300000 + 3600000 },
    { wh_key(prefix, 'st', endpoint_id) .. ':' .. hour, (hour + 1) * 3600000 + 86400000 },
  }
  for _, bucket in ipairs(buckets) do
    local key = bucket[1]
    redis.call('HINCRBY', key, 'a', 1)
    redis.call('HINCRBY', key, 'h' .. slot, 1)
    if attempt_ok then redis.call('HINCRBY', key, 'ok', 1) end
    if final_status == 'delivered' then redis.call('HINCRBY', key, 'd', 1) end
    if final_status == 'failed' then redis.call('HINCRBY', key, 'f', 1) end
    redis.call('PEXPIREAT', key, bucket[2])
  end
  local last = wh_key(prefix, 'last', endpoint_id)
  if attempt_ok then
    redis.call('HSET', last, 'okAt', now)
  else
    redis.call('HSET', last, 'failAt', now, 'failStatus', status_code, 'failError', error_text)
  end
end
