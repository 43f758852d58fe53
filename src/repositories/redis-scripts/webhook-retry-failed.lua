--[[
  Sends up to ARGV[4] failed deliveries of an endpoint again now (POST .../deliveries/retry calls
  it until none is left): each is pending again, due at once, and keeps its attempts, as
  webhook-retry-delivery.lua does for one.

  Input:  KEYS[1] T wh:ep, KEYS[2] T wh:es
          ARGV[1] the tenant's webhook prefix W, ARGV[2] endpoint id, ARGV[3] now (ms), ARGV[4] most
  Derived keys: the endpoint's W due/s/ix keys.
  Output: { 'ok', how many } | { 'no-endpoint' } | { 'endpoint-disabled' } | { 'endpoint-paused' }
  Arity: KEYS 2, ARGV 4
]]
--- @include "wh-key"
--- @include "wh-move"
--- @include "wh-unpad"
--- @include "wh-index"
register('webhook_retry_failed', function(KEYS, ARGV)
  local prefix, endpoint_id, now, most = ARGV[1], ARGV[2], tonumber(ARGV[3]), tonumber(ARGV[4])
  local definition = redis.call('HGET', KEYS[1], endpoint_id)
  if not definition then return { 'no-endpoint' } end
  local health = redis.call('HGET', KEYS[2], endpoint_id)
  if health and cjson.decode(health).disabledAt then return { 'endpoint-disabled' } end
  if cjson.decode(definition).status ~= 'active' then return { 'endpoint-paused' } end
  local states, due = wh_key(prefix, 's', endpoint_id), wh_key(prefix, 'due', endpoint_id)
  local retried = 0
  for _, member in ipairs(redis.call('ZRANGE', wh_index(prefix, endpoint_id, 'failed'), 0, most - 1)) do
    local event_id = wh_unpad(member)
    local raw_state = redis.call('HGET', states, event_id)
    if raw_state then
      local state = cjson.decode(raw_state)
      state.status = 'pending'
      state.failedAt = nil
      state.nextAt = now
      redis.call('HSET', states, event_id, cjson.encode(state))
      redis.call('ZADD', due, now, event_id)
      wh_move(prefix, endpoint_id, event_id, 'failed', 'pending')
      retried = retried + 1
    else
      redis.call('ZREM', wh_index(prefix, endpoint_id, 'failed'), member)
    end
  end
  return { 'ok', retried }
end)
