--[[
  A page of an endpoint's deliveries, newest event first, of one status or of all.

  Input:  KEYS[1] T wh:ep
          ARGV[1] the tenant's webhook prefix W, ARGV[2] endpoint id, ARGV[3] status ('' = all),
          ARGV[4] cursor: the event id of the last delivery of the previous page ('' = from the newest),
          ARGV[5] at most this many
  Derived keys: the endpoint's W s/ix keys.
  Output: { 0 } no such endpoint | { 1, next cursor ('' = no more), eventId1, state JSON 1, ... }
  Arity: KEYS 1, ARGV 5
]]
--- @include "wh-index"
--- @include "wh-key"
--- @include "wh-pad"
--- @include "wh-unpad"
register('webhook_list_deliveries', function(KEYS, ARGV)
  local prefix, endpoint_id, status, cursor, limit = ARGV[1], ARGV[2], ARGV[3], ARGV[4], tonumber(ARGV[5])
  if redis.call('HEXISTS', KEYS[1], endpoint_id) == 0 then return { 0 } end
  local statuses = status ~= '' and { status } or { 'pending', 'delivered', 'failed' }
  local from = cursor ~= '' and '(' .. wh_pad(cursor) or '+'
  local members = {}
  for _, s in ipairs(statuses) do
    for _, member in ipairs(redis.call('ZRANGE', wh_index(prefix, endpoint_id, s), from, '-', 'BYLEX', 'REV', 'LIMIT', 0, limit)) do
      members[#members + 1] = member
    end
  end
  table.sort(members, function(a, b) return a > b end)
  local reply, states = { 1, '' }, wh_key(prefix, 's', endpoint_id)
  local count = math.min(limit, #members)
  for i = 1, count do
    local event_id = wh_unpad(members[i])
    reply[#reply + 1] = event_id
    reply[#reply + 1] = redis.call('HGET', states, event_id) or '{}'
  end
  if #members > limit or (count == limit and count > 0) then reply[2] = wh_unpad(members[count]) end
  return reply
end)
