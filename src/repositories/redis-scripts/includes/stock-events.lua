-- After a write moved reserved units (and a shipment on-hand units) of the pairs a stock watch
-- (watch-stock) holds: the stock.out / stock.back events of those whose available units crossed 0.
--- @include "stock-crossing"
local function stock_events(ctx, watch)
  if not watch then return end
  for i = 1, #watch.codes do
    local m, on_hand = watch.moved[i], watch.on_hand[i]
    if m and on_hand then
      local on_hand_after = watch.shipped[i] or on_hand
      stock_crossing(ctx, watch.codes[i], watch.arts[i], on_hand - m[1], on_hand_after - m[2], on_hand_after, m[2])
    end
  end
end
