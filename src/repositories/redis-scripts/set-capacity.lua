--[[
  Sets (or, with '', removes) a stock origin's capacity in the hot store, and tells each
  saturation threshold the origin crosses because of it (the figures do not move, the capacity
  does). The durable copy is in MongoDB (written first by the caller).

  Input:  KEYS[1..12] order-keys; ARGV[1..10] order-keys, ARGV[11] code, ARGV[12] the capacity
          "maxQty,maxLines,maxOrders" (an empty part: no limit), or '' to remove it
  Output: {1}; {'moved', visible generation}
  Events: stock_origin.saturation for each threshold crossed.
]]
--- @include "order-keys"
--- @include "events"
--- @include "saturation"
local code, capacity = ARGV[11], ARGV[12]
local s = saturation_helpers()
local stored = redis.call('HGET', CAPACITIES, code)
local thresholds = s.parse_thresholds(redis.call('GET', THRESHOLDS))
local before_cap = stored and s.parse_capacity(stored) or nil
local after_cap = capacity ~= '' and s.parse_capacity(capacity) or nil
if after_cap then redis.call('HSET', CAPACITIES, code, capacity) else redis.call('HDEL', CAPACITIES, code) end
-- An origin without a capacity counts as unsaturated here: setting a first capacity that puts it
-- over a threshold is a crossing upward, removing one a crossing downward.
local f = s.origin_figures({ code })[1]
local before = s.saturation_of(before_cap, f[1], f[2], f[3]) or 0
local after = s.saturation_of(after_cap, f[1], f[2], f[3]) or 0
s.emit_crossings(code, thresholds, before, after, f, after_cap or before_cap or {})
return { 1 }
