--[[
  Forgets an endpoint's finished deliveries (delivered or failed) whose event is older than the
  log's retention, and the oldest beyond the most kept of each kind. Pending ones are never
  forgotten. Does at most ARGV[5] of each kind per call.

  Input:  KEYS[1] T wh:ep; ARGV[1] the tenant's webhook prefix W, ARGV[2] endpoint id,
          ARGV[3] oldest event id to keep (`<ms>-0`), ARGV[4] most kept of each kind, ARGV[5] batch
  Derived keys: the endpoint's W s/p/ix keys.
  Output: how many were forgotten
  Arity: KEYS 1, ARGV 5
]]
--- @include "wh-index"
--- @include "wh-key"
--- @include "wh-pad"
--- @include "wh-unpad"
register('webhook_trim_log', function(KEYS, ARGV)
  local prefix, endpoint_id, keep_from, most, batch = ARGV[1], ARGV[2], ARGV[3], tonumber(ARGV[4]), tonumber(ARGV[5])
  local states, payloads = wh_key(prefix, 's', endpoint_id), wh_key(prefix, 'p', endpoint_id)
  local forgotten = 0
  for _, status in ipairs({ 'delivered', 'failed' }) do
    local index = wh_index(prefix, endpoint_id, status)
    local old = redis.call('ZRANGE', index, '-', '(' .. wh_pad(keep_from), 'BYLEX', 'LIMIT', 0, batch)
    local excess = redis.call('ZCARD', index) - #old - most
    if excess > 0 then
      for _, member in ipairs(redis.call('ZRANGE', index, #old, #old + math.min(excess, batch) - 1)) do old[#old + 1] = member end
    end
    for _, member in ipairs(old) do
      local event_id = wh_unpad(member)
      redis.call('HDEL', states, event_id)
      redis.call('HDEL', payloads, event_id)
      redis.call('ZREM', index, member)
    end
    forgotten = forgotten + #old
  end
  return forgotten
end)
