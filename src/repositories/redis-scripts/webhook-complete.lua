--[[
  Records the outcome of one delivery attempt, if the caller still holds the delivery's lease
  (else another replica took it over, or the endpoint was deleted: nothing is recorded).
  Delivered: the copy of the event is dropped, the endpoint's failure streak ends. Failed
  attempt: the next one is due at ARGV[7] ('retry'), or the delivery has failed ('failed'); the
  endpoint's failure streak starts if it was not failing, and an endpoint failing for longer
  than ARGV[12] ms is disabled (its pending deliveries fail at the next pump).

  Input:  KEYS[1] T wh:ep, KEYS[2] T wh:es
          ARGV[1] the tenant's webhook prefix W, ARGV[2] endpoint id, ARGV[3] event id, ARGV[4] lease token,
          ARGV[5] 'delivered' | 'retry' | 'failed', ARGV[6] now (ms), ARGV[7] next attempt (ms, retry only),
          ARGV[8] status code ('' none), ARGV[9] error ('' none), ARGV[10] duration (ms),
          ARGV[11] start of the answer ('' none), ARGV[12] disable after (ms), ARGV[13] that duration, as text
  Derived keys: the endpoint's W due/s/p/ix keys, and its figures (includes/wh-count.lua).
  Output: { status ('delivered' | 'pending' | 'failed' | 'lost' | 'gone'), endpoint disabled now (0/1) }
  Arity: KEYS 2, ARGV 13
]]
--- @include "wh-count"
--- @include "wh-key"
--- @include "wh-move"
register('webhook_complete', function(KEYS, ARGV)
  local endpoints_key, health_key = KEYS[1], KEYS[2]
  local prefix, endpoint_id, event_id, token, outcome = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5]
  local now, next_at, disable_after = tonumber(ARGV[6]), tonumber(ARGV[7]), tonumber(ARGV[12])
  local states, due_key = wh_key(prefix, 's', endpoint_id), wh_key(prefix, 'due', endpoint_id)

  local raw_state = redis.call('HGET', states, event_id)
  if not raw_state then return { 'gone', 0 } end
  local state = cjson.decode(raw_state)
  if state.lease ~= token then return { 'lost', 0 } end
  state.lease = nil
  state.attempts = (state.attempts or 0) + 1
  state.lastAttemptAt = now
  state.lastStatusCode = ARGV[8] ~= '' and tonumber(ARGV[8]) or nil
  state.lastError = ARGV[9] ~= '' and ARGV[9] or nil
  state.lastDurationMs = tonumber(ARGV[10])
  state.lastResponse = ARGV[11] ~= '' and ARGV[11] or nil

  local raw_health = redis.call('HGET', health_key, endpoint_id)
  local health = raw_health and cjson.decode(raw_health) or { since = '0-0' }
  local disabled_now = 0

  if outcome == 'delivered' then
    state.status = 'delivered'
    state.deliveredAt = now
    state.nextAt = nil
    redis.call('HDEL', wh_key(prefix, 'p', endpoint_id), event_id)
    redis.call('ZREM', due_key, event_id)
    wh_move(prefix, endpoint_id, event_id, 'pending', 'delivered')
    if health.failingSince then
      health.failingSince = nil
      redis.call('HSET', health_key, endpoint_id, cjson.encode(health))
    end
  else
    health.failingSince = health.failingSince or now
    local definition = redis.call('HGET', endpoints_key, endpoint_id)
    if not health.disabledAt and definition and now - health.failingSince >= disable_after then
      health.disabledAt = now
      health.disabledReason = 'every delivery attempt failed for ' .. ARGV[13] .. ' or more (last: ' .. (state.lastError or '?') .. ')'
      disabled_now = 1
    end
    redis.call('HSET', health_key, endpoint_id, cjson.encode(health))
    if outcome == 'retry' and not health.disabledAt then
      state.nextAt = next_at
      redis.call('ZADD', due_key, next_at, event_id)
    else
      state.status = 'failed'
      state.failedAt = now
      state.nextAt = nil
      if health.disabledAt and outcome == 'retry' then state.lastError = 'endpoint disabled: ' .. health.disabledReason end
      redis.call('ZREM', due_key, event_id)
      wh_move(prefix, endpoint_id, event_id, 'pending', 'failed')
    end
  end
  redis.call('HSET', states, event_id, cjson.encode(state))
  wh_count(prefix, endpoint_id, now, outcome == 'delivered', state.status, state.lastDurationMs or 0, ARGV[8], state.lastError or '')
  return { state.status, disabled_now }
end)
