--[[
  One (origin, article) pair's stock: its on-hand level if tracked, and the units orders in
  progress reserve there. Expired orders are purged first (at most ARGV[13]), so none is counted.

  Input:  KEYS[1..13] order-context, KEYS[14] G:og:<code>;
          ARGV[1..10] order-context, ARGV[11] code, ARGV[12] artGuid, ARGV[13] purge limit
  Derived keys: those of the purged orders' lines (from P).
  Output: {units reserved, "onHand,asOfMs" or nil}; {'moved', visible generation}
  Arity: KEYS 14, ARGV 13
]]
--- @include "check-generation"
--- @include "order-context"
--- @include "purge-due"
register('get_stock_pair', function(KEYS, ARGV)
  local moved = check_generation(KEYS, ARGV)
  if moved then return moved end
  local ctx = order_context(KEYS, ARGV)
  purge_due(ctx, tonumber(ARGV[13]))
  return { redis.call('HGET', KEYS[14], ARGV[12]) or '0', redis.call('HGET', ctx.stock, ARGV[11] .. '\0' .. ARGV[12]) }
end)
