--[[
  Sets the on-hand quantity of tracked (origin, article) pairs, each as counted at its time
  (a count pushed by an origin: one time for all; a restore: each level's own). T stk holds per
  pair (`code\0artGuid`) "onHand,asOfMs". A pair whose stored count was
  taken later than this one keeps it (a count taken earlier arrived late): it is answered stale.

  A newly tracked pair's origin joins its article's tracked origins (T stka:<artGuid>, a set:
  the article views list them).

  Input:  KEYS[1] T stk; ARGV[1] the tracked-origins key prefix (T stka:), then per level: code,
          artGuid, onHand, when it was counted (ms)
  Derived keys: T stka:<artGuid> of each level's article.
  Output: {applied, stale}
  Arity: KEYS 1, ARGV 5+
]]
register('set_stock_levels', function(KEYS, ARGV)
  local applied, stale = 0, 0
  for i = 2, #ARGV, 4 do
    local field = ARGV[i] .. '\0' .. ARGV[i + 1]
    local stored = redis.call('HGET', KEYS[1], field)
    if stored and tonumber(string.match(stored, ',(%d+)$')) > tonumber(ARGV[i + 3]) then
      stale = stale + 1
    else
      if not stored then redis.call('SADD', ARGV[1] .. ARGV[i + 1], ARGV[i]) end
      redis.call('HSET', KEYS[1], field, ARGV[i + 2] .. ',' .. ARGV[i + 3])
      applied = applied + 1
    end
  end
  return { applied, stale }
end)
