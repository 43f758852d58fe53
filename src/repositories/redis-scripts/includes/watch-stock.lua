--[[
  Before moving the reserved units of the (origin, article) pairs codes[i], arts[i]: those the
  tenant tracks, with their level, or nil when none is tracked (a tenant without stock levels
  pays one EXISTS). The write then tells each move (stock-moved) and, once done, the crossings
  are told (stock-events).

    on_hand[i]   the pair's on-hand units now (nil: untracked)
    levels[i]    its stored level ("onHand,asOfMs")
    moved[i]     { reserved before, reserved after } once moved
    shipped[i]   its on-hand units after a shipment took from them (ship-stock)
]]
--- @include "hmget-all"
local function watch_stock(ctx, codes, arts)
  if #codes == 0 or redis.call('EXISTS', ctx.stock) == 0 then return nil end
  local fields = {}
  for i = 1, #codes do fields[i] = codes[i] .. '\0' .. arts[i] end
  local levels = hmget_all(ctx.stock, fields)
  local on_hand, any = {}, false
  for i = 1, #codes do
    if levels[i] then
      on_hand[i] = tonumber(string.match(levels[i], '^(%d+)'))
      any = true
    end
  end
  if not any then return nil end
  return { codes = codes, arts = arts, fields = fields, levels = levels, on_hand = on_hand, moved = {}, shipped = {} }
end
