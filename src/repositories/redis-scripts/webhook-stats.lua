--[[
  An endpoint's delivery figures (GET /{tenantId}/webhooks/{id}/stats): the counts of its last
  twelve 5-minute buckets (the last hour) and its last 24 hourly buckets (the last day), each the
  current one included, the last success and failure, and its pending deliveries. Writes nothing.

  Input:  KEYS[1] T wh:ep; ARGV[1] the tenant's webhook prefix W, ARGV[2] endpoint id, ARGV[3] now (ms)
  Derived keys: the endpoint's W st5/st/last/ix pending keys (includes/wh-count.lua).
  Output: false (no such endpoint) | JSON { hour = figures, day = figures, last = { okAt, failAt,
          failStatus, failError, dropped, droppedAt }, pending, oldest (event id of the oldest pending, '' none) },
          figures = { a, ok, d, f, h = { 12 counts by duration } }
  Arity: KEYS 1, ARGV 3
]]
--- @include "wh-index"
--- @include "wh-key"
--- @include "wh-unpad"
register('webhook_stats', function(KEYS, ARGV)
  local prefix, endpoint_id, now = ARGV[1], ARGV[2], tonumber(ARGV[3])
  if redis.call('HEXISTS', KEYS[1], endpoint_id) == 0 then return false end
  local function sum(kind, width, count)
    local figures = { a = 0, ok = 0, d = 0, f = 0, h = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 } }
    local current = math.floor(now / width)
    for n = current - count + 1, current do
      local flat = redis.call('HGETALL', wh_key(prefix, kind, endpoint_id) .. ':' .. n)
      for i = 1, #flat, 2 do
        local field, value = flat[i], tonumber(flat[i + 1])
        if string.sub(field, 1, 1) == 'h' then
          local slot = tonumber(string.sub(field, 2))
          figures.h[slot] = figures.h[slot] + value
        else
          figures[field] = figures[field] + value
        end
      end
    end
    return figures
  end
  local last = {}
  local flat = redis.call('HGETALL', wh_key(prefix, 'last', endpoint_id))
  for i = 1, #flat, 2 do last[flat[i]] = flat[i + 1] end
  local pending_index = wh_index(prefix, endpoint_id, 'pending')
  local oldest = redis.call('ZRANGE', pending_index, 0, 0)
  return cjson.encode({
    hour = sum('st5', 300000, 12),
    day = sum('st', 3600000, 24),
    last = last,
    pending = redis.call('ZCARD', pending_index),
    oldest = oldest[1] and wh_unpad(oldest[1]) or '',
  })
end)
