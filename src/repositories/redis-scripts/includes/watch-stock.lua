--[[
  Before moving the reserved units of the (origin, article) pairs codes[i], arts[i] (those from
  `from` on, default 1): those the tenant tracks, with their level, added to `watch` (or a new
  one); nil when none is tracked. A tenant without stock levels pays one EXISTS per call, however
  many watches the call makes, shared with has_capacities (read_tracking). The write then tells each move
  (stock-moved) and, once done, the crossings are told (stock-events). A watch extended to more
  pairs (a redefinition's stored-only pairs) keeps their numbering: `codes` and `arts` are then the
  full lists.

    on_hand[i]   the pair's on-hand units now (nil: untracked)
    levels[i]    its stored level ("onHand,asOfMs"), fields[i] its field in T stk
    moved[i]     { reserved before, reserved after } once moved
    shipped[i]   its on-hand units after a shipment took from them (ship-stock)
]]
--- @include "hmget-all"
--- @include "read-tracking"
local function watch_stock(ctx, codes, arts, from, watch)
  from = from or 1
  if watch then watch.codes, watch.arts = codes, arts end
  if from > #codes then return watch end
  if ctx.untracked == nil then read_tracking(ctx) end
  if ctx.untracked then return watch end
  local fields = {}
  for i = from, #codes do fields[i - from + 1] = codes[i] .. '\0' .. arts[i] end
  local levels = hmget_all(ctx.stock, fields)
  for i = from, #codes do
    local level = levels[i - from + 1]
    if level then
      watch = watch or { codes = codes, arts = arts, fields = {}, levels = {}, on_hand = {}, moved = {}, shipped = {} }
      watch.fields[i], watch.levels[i], watch.on_hand[i] = fields[i - from + 1], level, tonumber(string.match(level, '^(%d+)'))
    end
  end
  return watch
end
