--[[
  Writes a webhook endpoint's definition (Redis's copy of MongoDB's, what the dispatcher reads).
  A new endpoint gets its health record, whose `since` is the newest event now: it is sent the
  events appended from now on, never older ones.

  Input:  KEYS[1] T wh:ep, KEYS[2] T wh:es, KEYS[3] T wh:cursor, KEYS[4] T events
          ARGV[1] endpoint id, ARGV[2] definition JSON
          ARGV[3] 'create' | 'update' (only if it exists) | 'restore' (put back after a Redis loss)
          ARGV[4] '1': clear a disabled state (the tenant set the status)
          ARGV[5] restore only: '' or the disabled state MongoDB holds {disabledAt, disabledReason}
          ARGV[6] create only: the tenant's webhook endpoints quota, or 0 for none
  Output: 1 written, 0 not (update of an endpoint deleted meanwhile; create past the quota)
  Arity: KEYS 4, ARGV 6
]]
register('webhook_put_endpoint', function(KEYS, ARGV)
  local endpoints, health_key, cursor_key, events = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
  local id, definition, mode, reenable, restored = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5]

  if mode == 'update' and redis.call('HEXISTS', endpoints, id) == 0 then return 0 end
  -- The quota counted where parallel creations cannot all pass it.
  local most = tonumber(ARGV[6]) or 0
  if mode == 'create' and most > 0 and redis.call('HLEN', endpoints) >= most then return 0 end
  redis.call('HSET', endpoints, id, definition)

  local health = redis.call('HGET', health_key, id)
  if not health then
    local newest = redis.call('XREVRANGE', events, '+', '-', 'COUNT', 1)
    local since = newest[1] and newest[1][1] or '0-0'
    local record = { since = since }
    if restored ~= '' then
      local disabled = cjson.decode(restored)
      record.disabledAt = disabled.disabledAt
      record.disabledReason = disabled.disabledReason
    end
    redis.call('HSET', health_key, id, cjson.encode(record))
    -- The fan-out need not walk events older than every endpoint: with no other endpoint (or no
    -- cursor yet) it starts here.
    if redis.call('EXISTS', cursor_key) == 0 or redis.call('HLEN', endpoints) == 1 then
      redis.call('SET', cursor_key, since)
    end
  elseif reenable == '1' then
    local record = cjson.decode(health)
    record.failingSince = nil
    record.disabledAt = nil
    record.disabledReason = nil
    redis.call('HSET', health_key, id, cjson.encode(record))
  end
  return 1
end)
