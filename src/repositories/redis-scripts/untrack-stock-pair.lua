--[[
  Stops tracking an (origin, article) pair: its level goes, its origin leaves its article's
  tracked origins (T stka:<artGuid>). A pair with nothing available had a stock.out: untracked,
  it has no limit any more, which is told as stock.back.

  Input:  KEYS[1..13] order-context, KEYS[14] G:og:<code>, KEYS[15] T stka:<artGuid>;
          ARGV[1..10] order-context, ARGV[11] code, ARGV[12] artGuid
  Output: {1} it was tracked, {0} not; {'moved', visible generation}
  Events: stock.back.
  Arity: KEYS 15, ARGV 12
]]
--- @include "check-generation"
--- @include "order-context"
--- @include "stock-crossing"
register('untrack_stock_pair', function(KEYS, ARGV)
  local moved = check_generation(KEYS, ARGV)
  if moved then return moved end
  local ctx = order_context(KEYS, ARGV)
  local code, art = ARGV[11], ARGV[12]
  local field = code .. '\0' .. art
  local level = redis.call('HGET', ctx.stock, field)
  if not level then return { 0 } end
  redis.call('HDEL', ctx.stock, field)
  redis.call('SREM', KEYS[15], code)
  local reserved = tonumber(redis.call('HGET', KEYS[14], art)) or 0
  stock_crossing(ctx, code, art, tonumber(string.match(level, '^(%d+)')) - reserved, nil, nil, reserved)
  return { 1 }
end)
