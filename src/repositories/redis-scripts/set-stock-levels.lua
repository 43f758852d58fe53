--[[
  Sets the on-hand quantity of tracked (origin, article) pairs, as a stock origin counted them at
  one time. T stk holds per pair (`code\0artGuid`) "onHand,asOfMs". A pair whose stored count was
  taken later than this one keeps it (a count taken earlier arrived late): it is answered stale.

  Input:  KEYS[1] T stk; ARGV[1] when the counts were taken (ms), then per level: code, artGuid, onHand
  Output: {applied, stale}
  Arity: KEYS 1, ARGV 4+
]]
register('set_stock_levels', function(KEYS, ARGV)
  local as_of = tonumber(ARGV[1])
  local applied, stale = 0, 0
  for i = 2, #ARGV, 3 do
    local field = ARGV[i] .. '\0' .. ARGV[i + 1]
    local stored = redis.call('HGET', KEYS[1], field)
    if stored and tonumber(string.match(stored, ',(%d+)$')) > as_of then
      stale = stale + 1
    else
      redis.call('HSET', KEYS[1], field, ARGV[i + 2] .. ',' .. ARGV[1])
      applied = applied + 1
    end
  end
  return { applied, stale }
end)
