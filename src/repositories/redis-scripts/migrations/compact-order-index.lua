--[[
  Migration to compact index entries (issue 20). Builds before it kept the order index in G:ix,
  its entries with the type's name and GUIDs as text; this one keeps it in G:i, with the type's
  initial and the orderId as 16 bytes (includes/zadd-members.lua). Each call moves up to ARGV[1]
  entries from G:ix to G:i, converted; G:ix is gone once empty. An entry not shaped like one is
  dropped (reconcile rebuilds whatever is missing). Run at start, before serving, until it
  answers 0; a run cut short is simply run again.

  Input:  KEYS[1] G:ix, KEYS[2] G:i (of one generation); ARGV[1] the most entries to move
  Output: how many entries G:ix still holds
  Arity: KEYS 2, ARGV 1
]]
--- @include "index-text-entry"
register('migrations_compact_order_index', function(KEYS, ARGV)
  local entries = redis.call('ZRANGE', KEYS[1], 0, tonumber(ARGV[1]) - 1)
  if #entries == 0 then return 0 end
  local members = {}
  for _, text in ipairs(entries) do
    local entry = index_text_entry(text)
    if entry then members[#members + 1] = '0'; members[#members + 1] = entry end
  end
  for from = 1, #members, 2000 do redis.call('ZADD', KEYS[2], unpack(members, from, math.min(#members, from + 1999))) end
  for from = 1, #entries, 1000 do redis.call('ZREM', KEYS[1], unpack(entries, from, math.min(#entries, from + 999))) end
  return redis.call('ZCARD', KEYS[1])
end)
