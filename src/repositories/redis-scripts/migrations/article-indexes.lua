--[[
  Migration to the articles' own indexes (issue 20). Builds before it kept an order's article
  entries in G:i (a<artGuid>\0<id>, one skiplist node each, ~150 bytes); this one keeps each
  article's orders in G:ai:<artGuid>, a small sorted set of 16-byte ids (includes/zadd-members.lua).
  Each call moves up to ARGV[2] entries; run at start, before serving, until it moves none; a
  run cut short is simply run again.

  Input:  KEYS[1] G:i (of one generation); ARGV[1] G's key prefix P, ARGV[2] the most entries to move
  Derived keys: G:ai:<artGuid> of the entries moved (from P).
  Output: how many entries this call moved
  Arity: KEYS 1, ARGV 2
]]
register('migrations_article_indexes', function(KEYS, ARGV)
  local entries = redis.call('ZRANGEBYLEX', KEYS[1], '[a', '(b', 'LIMIT', 0, tonumber(ARGV[2]))
  if #entries == 0 then return 0 end
  for _, entry in ipairs(entries) do
    -- a<artGuid>\0<the orderId's 16 bytes>
    redis.call('ZADD', ARGV[1] .. 'ai:' .. string.sub(entry, 2, -18), '0', string.sub(entry, -16))
  end
  for from = 1, #entries, 1000 do redis.call('ZREM', KEYS[1], unpack(entries, from, math.min(#entries, from + 999))) end
  return #entries
end)
