--[[
  Sets the on-hand quantity of tracked (origin, article) pairs, each as counted at its time
  (a count pushed by an origin: one time for all; a restore: each level's own). T stk holds per
  pair (`code\0artGuid`) "onHand,asOfMs". A pair whose stored count was
  taken later than this one keeps it (a count taken earlier arrived late): it is answered stale.
  A pair whose available units (onHand - reserved) cross 0 is told (stock.out / stock.back;
  a newly tracked pair counts as having had no limit).

  A newly tracked pair's origin joins its article's tracked origins (T stka:<artGuid>, a set:
  the article views list them). The tenant's stockLevels quota counts tracked pairs: a call that
  would track more is refused whole, nothing changed.

  Input:  KEYS[1..13] order-context; ARGV[1..10] order-context, ARGV[11] the tracked-origins key
          prefix (T stka:), ARGV[12] the stockLevels quota (0: none), then per level: code,
          artGuid, onHand, when it was counted (ms)
  Derived keys: T stka:<artGuid> of each level's article; G:og:<code> of each level's origin (from P).
  Output: {applied, stale}; {'quota', 'stockLevels', limit}; {'moved', visible generation}
  Events: stock.out / stock.back.
  Arity: KEYS 13, ARGV 16+
]]
--- @include "check-generation"
--- @include "order-context"
--- @include "stock-crossing"
register('set_stock_levels', function(KEYS, ARGV)
  local moved = check_generation(KEYS, ARGV)
  if moved then return moved end
  local ctx = order_context(KEYS, ARGV)
  local FIRST = 13
  local stored, new_pairs = {}, 0
  for i = FIRST, #ARGV, 4 do
    stored[i] = redis.call('HGET', ctx.stock, ARGV[i] .. '\0' .. ARGV[i + 1])
    if not stored[i] then new_pairs = new_pairs + 1 end
  end
  local most = tonumber(ARGV[12])
  if most > 0 and new_pairs > 0 and redis.call('HLEN', ctx.stock) + new_pairs > most then
    return { 'quota', 'stockLevels', ARGV[12] }
  end
  local applied, stale, written = 0, 0, {}
  for i = FIRST, #ARGV, 4 do
    local code, art, on_hand = ARGV[i], ARGV[i + 1], tonumber(ARGV[i + 2])
    local field = code .. '\0' .. art
    -- The same pair twice in one call: the second sees the first.
    local level = written[field] or stored[i]
    if level and tonumber(string.match(level, ',(%d+)$')) > tonumber(ARGV[i + 3]) then
      stale = stale + 1
    else
      if not level then redis.call('SADD', ARGV[11] .. art, code) end
      written[field] = ARGV[i + 2] .. ',' .. ARGV[i + 3]
      redis.call('HSET', ctx.stock, field, written[field])
      local reserved = tonumber(redis.call('HGET', ctx.p .. 'og:' .. code, art)) or 0
      local before = level and (tonumber(string.match(level, '^(%d+)')) - reserved) or nil
      stock_crossing(ctx, code, art, before, on_hand - reserved, on_hand, reserved)
      applied = applied + 1
    end
  end
  return { applied, stale }
end)
