--[[
  Sets (or, with '', removes) a stock origin's capacity in the hot store, and tells each
  saturation threshold the origin crosses because of it (the figures do not move, the capacity
  does). The durable copy is in MongoDB (written first by the caller).

  Input:  KEYS[1..13] order-context; ARGV[1..10] order-context, ARGV[11] code, ARGV[12] the capacity
          "maxQty,maxLines,maxOrders" (an empty part: no limit), or '' to remove it,
          ARGV[13] the tenant's capacities quota, or 0 for none
  Output: {1}; {'moved', visible generation}; {'quota', limit}: a new origin's capacity past the
          quota, nothing changed
  Events: stock_origin.saturation for each threshold crossed.
  Arity: KEYS 13, ARGV 13
]]
--- @include "check-generation"
--- @include "emit-crossings"
--- @include "order-context"
--- @include "origin-figures"
--- @include "parse-capacity"
--- @include "parse-thresholds"
--- @include "saturation-of"
register('set_capacity', function(KEYS, ARGV)
  local moved = check_generation(KEYS, ARGV)
  if moved then return moved end
  local ctx = order_context(KEYS, ARGV)
  local code, capacity = ARGV[11], ARGV[12]
  local stored = redis.call('HGET', ctx.capacities, code)
  local most = tonumber(ARGV[13]) or 0
  if capacity ~= '' and not stored and most > 0 and redis.call('HLEN', ctx.capacities) >= most then
    return { 'quota', tostring(most) }
  end
  local thresholds = parse_thresholds(redis.call('GET', ctx.thresholds))
  local before_cap = stored and parse_capacity(stored) or nil
  local after_cap = capacity ~= '' and parse_capacity(capacity) or nil
  if after_cap then redis.call('HSET', ctx.capacities, code, capacity) else redis.call('HDEL', ctx.capacities, code) end
  -- An origin without a capacity counts as unsaturated here: setting a first capacity that puts it
  -- over a threshold is a crossing upward, removing one a crossing downward.
  local f = origin_figures(ctx, { code })[1]
  local before = saturation_of(before_cap, f[1], f[2], f[3]) or 0
  local after = saturation_of(after_cap, f[1], f[2], f[3]) or 0
  emit_crossings(ctx, code, thresholds, before, after, f, after_cap or before_cap or {})
  return { 1 }
end)
