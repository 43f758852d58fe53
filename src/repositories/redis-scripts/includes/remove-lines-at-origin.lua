--[[
  Removing an order's lines at one stock origin (the origin shipped them): the origin's figures
  lose exactly those lines (their units, their lines, one order), the articles' figures their
  units, the indexes the entries no line is left for; an order left without lines is deleted.
  Needs order-context and remove-order; `origin_articles` is the origin's G:og:<code> key, the
  articles' G:ar and G:ai keys are derived from P; `id_bytes` is the orderId's 16 bytes if the
  caller has them (includes/index-members.lua). Answers 1 when the order exists, 0 when not.

  `ship` (or nil: the contract's delete, which moves no stock) is a shipment: { art = only the
  lines of this article (nil: all), qty = only this many units of them, the first lines first
  (nil: all), levels = the list the stock levels it changes are added to }. A line shipped in part
  keeps the rest of its units; the tracked pairs' on-hand units go down by the units shipped
  (ship-stock).

  Lean: the stored order is read as text, never decoded. Every stored order is written by the
  service (stored-order.ts), so each line is `\20C\21G\22N}` (includes/line-spans.lua) with C
  encoded as JSON.stringify encodes the code (`code_json`, from the caller), without its quotes.
  The control characters only ever mark the pieces (JSON escapes them inside strings), and a line
  ends at the first `}` after its qty (a number). What is left is the same text without the lines
  cut; the lines removed are told in the same compact form (readers expand them:
  includes/entry-data.lua). (Orders an earlier build re-encoded in Lua, whose cjson writes '/' as
  '\/', were written again by the service when converted to this form.)
]]
--- @include "decode-stored"
--- @include "guid-bytes"
--- @include "hincr-or-drop"
--- @include "line-spans"
--- @include "move-article-origin"
--- @include "record-change"
--- @include "remove-order"
--- @include "saturation-events"
--- @include "ship-stock"
--- @include "stock-events"
--- @include "stock-moved"
--- @include "stored-expired"
--- @include "watch-saturation"
--- @include "watch-stock"
local function remove_lines_at_origin(ctx, id, code, code_json, origin_articles, id_bytes, ship)
  local stored = redis.call('HGET', ctx.orders, id)
  if not stored then return 0 end
  if stored_expired(stored, ctx.now_iso) then
    remove_order(ctx, id, decode_stored(stored), stored, 'order.expired', id_bytes)
    return 0
  end

  local spans, lines_start = line_spans(stored)
  local here = '\20' .. string.sub(code_json, 2, -2) .. '\21'
  local only_art, to_take = ship and ship.art, ship and ship.qty
  local kept, removed = {}, {}
  local removed_units, removed_lines, kept_here = 0, 0, false
  local units_by_article, articles, kept_article = {}, {}, {}
  for _, span in ipairs(spans) do
    local s, e, g, q = span[1], span[2], span[3], span[4]
    local art = string.sub(stored, g, g + 35)
    local at_origin = string.sub(stored, s, s + #here - 1) == here
    if at_origin and (not only_art or art == only_art) and (not to_take or to_take > 0) then
      local units = tonumber(string.sub(stored, q, e - 1))
      local taken = to_take and math.min(units, to_take) or units
      if to_take then to_take = to_take - taken end
      if taken == units then
        removed[#removed + 1] = string.sub(stored, s, e)
        removed_lines = removed_lines + 1
      else
        -- Shipped in part: the line keeps the rest.
        removed[#removed + 1] = string.sub(stored, s, q - 1) .. string.format('%d', taken) .. '}'
        kept[#kept + 1] = string.sub(stored, s, q - 1) .. string.format('%d', units - taken) .. '}'
        kept_article[art], kept_here = true, true
      end
      removed_units = removed_units + taken
      if not units_by_article[art] then
        units_by_article[art] = 0
        articles[#articles + 1] = art
      end
      units_by_article[art] = units_by_article[art] + taken
    else
      kept[#kept + 1] = string.sub(stored, s, e)
      kept_article[art] = true
      if at_origin then kept_here = true end
    end
  end
  if #removed == 0 then return 1 end
  local removed_json = '[' .. table.concat(removed, ',') .. ']'
  if #kept == 0 then
    redis.call('XADD', ctx.events, 'MAXLEN', '~', ctx.events_max, '*',
      'type', 'order.lines_removed', 'orderId', id, 'code', code, 'lines', removed_json)
    remove_order(ctx, id, decode_stored(stored), stored, nil, id_bytes, ship and { code = code, levels = ship.levels })
    return 1
  end

  local watch = watch_saturation(ctx, { code })
  local codes = {}
  for i = 1, #articles do codes[i] = code end
  local stock = watch_stock(ctx, codes, articles)
  hincr_or_drop(ctx.origin_qty, code, -removed_units)
  hincr_or_drop(ctx.origin_lines, code, -removed_lines)
  id_bytes = id_bytes or guid_bytes(id)
  if not kept_here then
    hincr_or_drop(ctx.origin_orders, code, -1)
    redis.call('ZREM', ctx.index, 'c' .. code .. '\0' .. id_bytes)
  end
  for i, art in ipairs(articles) do
    local units = units_by_article[art]
    if ship then ship_stock(ctx, stock, i, units, ship.levels) end
    stock_moved(stock, i, -units, hincr_or_drop(origin_articles, art, -units))
    move_article_origin(ctx.p .. 'ar:' .. art, code, -units, ctx.counters)
    if not kept_article[art] then redis.call('ZREM', ctx.p .. 'ai:' .. art, id_bytes) end
  end

  local left = string.sub(stored, 1, lines_start - 1) .. table.concat(kept, ',') .. string.sub(stored, spans[#spans][2] + 1)
  redis.call('HSET', ctx.orders, id, left)
  record_change(ctx, id)
  redis.call('XADD', ctx.events, 'MAXLEN', '~', ctx.events_max, '*',
    'type', 'order.lines_removed', 'orderId', id, 'code', code, 'lines', removed_json, 'o', left)
  saturation_events(ctx, watch)
  stock_events(ctx, stock)
  return 1
end
