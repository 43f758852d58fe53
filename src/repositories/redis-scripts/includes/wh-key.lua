-- A webhook delivery's keys under the tenant's webhook prefix W (ARGV), per endpoint:
--   W due:<ep>  zset eventId -> next attempt (ms)     W s:<ep>  hash eventId -> state JSON
--   W p:<ep>    hash eventId -> the event's data      W ix:<ep>:<status>  zset of padded ids
local function wh_key(prefix, kind, endpoint_id)
  return prefix .. kind .. ':' .. endpoint_id
end
