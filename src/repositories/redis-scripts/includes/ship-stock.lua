--[[
  A shipment took `units` of tracked pair i (watch-stock) from its origin: its on-hand units go
  down by as many (never below 0) and its level is dated now, so that a count taken before the
  shipment can no longer overwrite it (set-stock-levels). A level counted after now already
  lacks the units: it is left as it is. The new level is added to `changed` as
  {code, artGuid, onHand, asOfMs} (the archive keeps it).
]]
local function ship_stock(ctx, watch, i, units, changed)
  if not (watch and watch.on_hand[i]) or units <= 0 then return end
  if tonumber(string.match(watch.levels[i], ',(%d+)$')) > ctx.now then return end
  local left = math.max(0, (watch.shipped[i] or watch.on_hand[i]) - units)
  local now = string.format('%d', ctx.now)
  redis.call('HSET', ctx.stock, watch.fields[i], string.format('%d', left) .. ',' .. now)
  watch.shipped[i] = left
  changed[#changed + 1] = { watch.codes[i], watch.arts[i], left, now }
end
