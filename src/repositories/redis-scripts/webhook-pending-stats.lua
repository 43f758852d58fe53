--[[
  Per endpoint of a tenant: its pending deliveries and the event id of the oldest (for metrics).

  Input:  KEYS[1] T wh:ep; ARGV[1] the tenant's webhook prefix W
  Derived keys: each endpoint's W ix pending key.
  Output: { endpointId, pending count, oldest pending event id ('' none), ... }
  Arity: KEYS 1, ARGV 1
]]
--- @include "wh-index"
--- @include "wh-unpad"
register('webhook_pending_stats', function(KEYS, ARGV)
  local reply = {}
  for _, endpoint_id in ipairs(redis.call('HKEYS', KEYS[1])) do
    local index = wh_index(ARGV[1], endpoint_id, 'pending')
    local oldest = redis.call('ZRANGE', index, 0, 0)
    reply[#reply + 1] = endpoint_id
    reply[#reply + 1] = redis.call('ZCARD', index)
    reply[#reply + 1] = oldest[1] and wh_unpad(oldest[1]) or ''
  end
  return reply
end)
