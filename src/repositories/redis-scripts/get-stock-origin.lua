--[[
  What orders in progress reserve at one stock origin. Expired orders are purged first (at most
  ARGV[12]; the sweeper does the rest), so none is counted.

  Input:  KEYS[1..12] order-context, KEYS[13] G:og:<code>, KEYS[14] T stk; ARGV[1..10] order-context,
          ARGV[11] code, ARGV[12] purge limit
  Derived keys: those of the purged orders' lines (from P).
  Output: {units, lines, orders, {artGuid, units, ...}, capacity or '', {level or '' per article}}, a
          level being "onHand,asOfMs" (T stk); {'moved', visible generation}
  Arity: KEYS 14, ARGV 12
]]
--- @include "check-generation"
--- @include "order-context"
--- @include "purge-due"
register('get_stock_origin', function(KEYS, ARGV)
  local moved = check_generation(KEYS, ARGV)
  if moved then return moved end
  local ctx = order_context(KEYS, ARGV)
  local code = ARGV[11]
  purge_due(ctx, tonumber(ARGV[12]))
  local articles = redis.call('HGETALL', KEYS[13])
  local levels = {}
  for from = 1, #articles, 2000 do
    local fields = {}
    for i = from, math.min(#articles, from + 1999), 2 do fields[#fields + 1] = code .. '\0' .. articles[i] end
    local part = redis.call('HMGET', KEYS[14], unpack(fields))
    for i = 1, #part do levels[#levels + 1] = part[i] or '' end
  end
  return {
    redis.call('HGET', ctx.origin_qty, code) or '0',
    redis.call('HGET', ctx.origin_lines, code) or '0',
    redis.call('HGET', ctx.origin_orders, code) or '0',
    articles,
    redis.call('HGET', ctx.capacities, code) or '',
    levels,
  }
end)
