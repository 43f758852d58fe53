--[[
  Removing a stored order with everything it reserves, its index entries and counters, its change
  record and its event; and the bounded purge of orders past their expiry that every read does
  first (the expiry sweeper does the rest). Needs order-context; the figure keys of the removed
  lines are derived from P.
]]
--- @include "add-order-lines"
--- @include "apply-figures"
--- @include "emit-order-event"
--- @include "new-figures"
--- @include "order-codes"
--- @include "record-change"
--- @include "saturation-events"
--- @include "ship-stock"
--- @include "stock-events"
--- @include "unindex-order"
--- @include "watch-saturation"
--- @include "watch-stock"
-- Removes order `id`, stored as `stored_json` (decoded: `order`), and tells it as `event_type`
-- (order.deleted, order.expired; nil: the caller tells it). `id_bytes`: the orderId's 16 bytes,
-- if the caller has them (index-members). `shipment` (or nil): its lines left because their
-- origin shipped them, { code =, levels = the levels it changed (ship-stock) }: the tracked
-- pairs' on-hand units go down by what was shipped.
local function remove_order(ctx, id, order, stored_json, event_type, id_bytes, shipment)
  local watch = watch_saturation(ctx, order_codes(order))
  local f = new_figures()
  add_order_lines(f, order.lines, -1)
  local codes, arts = {}, {}
  for i, key in ipairs(f.pair_keys) do codes[i], arts[i] = f.pairs[key].code, f.pairs[key].art end
  local stock = watch_stock(ctx, codes, arts)
  if shipment and stock then
    for i, key in ipairs(f.pair_keys) do
      if codes[i] == shipment.code then ship_stock(ctx, stock, i, -f.pairs[key].qty, shipment.levels) end
    end
  end
  apply_figures(f, ctx.p, stock)
  unindex_order(ctx, id, order, id_bytes)
  redis.call('HDEL', ctx.orders, id)
  record_change(ctx, id)
  if event_type then emit_order_event(ctx, event_type, stored_json) end
  saturation_events(ctx, watch)
  stock_events(ctx, stock)
end
