-- A webhook delivery's keys under the tenant's webhook prefix W (ARGV), per endpoint:
--   W due:<ep>  zset eventId -> next attempt (ms)     W s:<ep>  hash eventId -> state JSON
--   W p:<ep>    hash eventId -> the event's data      W ix:<ep>:<status>  zset of padded ids
local function wh_key(prefix, kind, endpoint_id)
  return prefix .. kind .. ':' .. endpoint_id
end

local function wh_index(prefix, endpoint_id, status)
  return prefix .. 'ix:' .. endpoint_id .. ':' .. status
end

-- An event id whose string order is its order (the lexicographic indexes sort by it).
local function wh_pad(event_id)
  local dash = string.find(event_id, '-', 1, true)
  local ms, seq = string.sub(event_id, 1, dash - 1), string.sub(event_id, dash + 1)
  return string.rep('0', 16 - #ms) .. ms .. '-' .. string.rep('0', 16 - #seq) .. seq
end

local function wh_unpad(padded)
  local dash = string.find(padded, '-', 1, true)
  return tostring(tonumber(string.sub(padded, 1, dash - 1))) .. '-' .. tostring(tonumber(string.sub(padded, dash + 1)))
end

-- Moves a delivery from one status index to another.
local function wh_move(prefix, endpoint_id, event_id, from, to)
  local member = wh_pad(event_id)
  redis.call('ZREM', wh_index(prefix, endpoint_id, from), member)
  redis.call('ZADD', wh_index(prefix, endpoint_id, to), 0, member)
end
