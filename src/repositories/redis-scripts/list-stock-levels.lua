--[[
  A page of the tenant's tracked pairs with their levels and the units reserved there, optionally
  only those with at most `max available` units available (0: those out of stock). Expired orders
  are purged first (at most ARGV[11]), so none is counted. The page walks T stk with HSCAN: every
  pair tracked throughout is listed once over the pages; a page may be short (even empty) and still
  have a next cursor.

  Input:  KEYS[1..13] order-context; ARGV[1..10] order-context, ARGV[11] purge limit,
          ARGV[12] cursor ('0': the first page), ARGV[13] pairs to scan for this page,
          ARGV[14] the most available units a pair listed may have, or '' for all
  Derived keys: G:og:<code> of each pair's origin, and those of the purged orders' lines (from P).
  Output: {next cursor ('0': none), {code, artGuid, onHand, asOfMs, reserved, ...}}; {'moved', visible generation}
  Arity: KEYS 13, ARGV 14
]]
--- @include "check-generation"
--- @include "order-context"
--- @include "purge-due"
register('list_stock_levels', function(KEYS, ARGV)
  local moved = check_generation(KEYS, ARGV)
  if moved then return moved end
  local ctx = order_context(KEYS, ARGV)
  purge_due(ctx, tonumber(ARGV[11]))
  local most = ARGV[14] ~= '' and tonumber(ARGV[14]) or nil
  local step = redis.call('HSCAN', ctx.stock, ARGV[12], 'COUNT', ARGV[13])
  local flat, out = step[2], {}
  for i = 1, #flat, 2 do
    local code, art = string.match(flat[i], '^(.*)%z(.*)$')
    local on_hand, as_of = string.match(flat[i + 1], '^(%d+),(%d+)$')
    local reserved = tonumber(redis.call('HGET', ctx.p .. 'og:' .. code, art)) or 0
    if not most or tonumber(on_hand) - reserved <= most then
      out[#out + 1] = code
      out[#out + 1] = art
      out[#out + 1] = on_hand
      out[#out + 1] = as_of
      out[#out + 1] = string.format('%d', reserved)
    end
  end
  return { step[1], out }
end)
