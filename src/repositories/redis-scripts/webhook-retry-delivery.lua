--[[
  Sends a failed delivery again now: it is pending again, due at once, and keeps its attempts
  (one more attempt when the schedule is spent; what remains of it otherwise).

  Input:  KEYS[1] T wh:ep, KEYS[2] T wh:es
          ARGV[1] the tenant's webhook prefix W, ARGV[2] endpoint id, ARGV[3] event id, ARGV[4] now (ms)
  Derived keys: the endpoint's W due/s/ix keys.
  Output: { 'ok', state JSON } | { 'no-endpoint' } | { 'no-delivery' } | { 'not-failed', status }
          | { 'endpoint-disabled' } | { 'endpoint-paused' }
  Arity: KEYS 2, ARGV 4
]]
--- @include "wh-key"
--- @include "wh-move"
register('webhook_retry_delivery', function(KEYS, ARGV)
  local prefix, endpoint_id, event_id, now = ARGV[1], ARGV[2], ARGV[3], tonumber(ARGV[4])
  local definition = redis.call('HGET', KEYS[1], endpoint_id)
  if not definition then return { 'no-endpoint' } end
  local raw_state = redis.call('HGET', wh_key(prefix, 's', endpoint_id), event_id)
  if not raw_state then return { 'no-delivery' } end
  local state = cjson.decode(raw_state)
  if state.status ~= 'failed' then return { 'not-failed', state.status } end
  local health = redis.call('HGET', KEYS[2], endpoint_id)
  if health and cjson.decode(health).disabledAt then return { 'endpoint-disabled' } end
  if cjson.decode(definition).status ~= 'active' then return { 'endpoint-paused' } end
  state.status = 'pending'
  state.failedAt = nil
  state.nextAt = now
  redis.call('HSET', wh_key(prefix, 's', endpoint_id), event_id, cjson.encode(state))
  redis.call('ZADD', wh_key(prefix, 'due', endpoint_id), now, event_id)
  wh_move(prefix, endpoint_id, event_id, 'failed', 'pending')
  return { 'ok', cjson.encode(state) }
end)
