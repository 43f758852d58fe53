--[[
  Removing an order's lines at one stock origin (the origin shipped them): the origin's figures
  lose exactly those lines (their units, their lines, one order), the articles' figures their
  units, the indexes the entries no line is left for; an order left without lines is deleted.
  Needs order-keys and remove-order; `origin_articles` is the origin's G:og:<code> key, the
  articles' G:ar keys are derived from P. Answers 1 when the order exists, 0 when not.
]]
--- @include "stored-order"

local function remove_lines_at_origin(id, code, origin_articles)
  local stored = redis.call('HGET', ORDERS, id)
  if not stored then return 0 end
  local order = cjson.decode(stored)
  if order.expiresAt and order.expiresAt <= NOW_ISO then
    remove_order(id, order, stored, 'order.expired')
    return 0
  end

  local kept, removed = {}, {}
  local removed_units = 0
  local units_by_article, articles = {}, {}
  for _, l in ipairs(order.lines) do
    if l.code == code then
      removed[#removed + 1] = l
      removed_units = removed_units + l.qty
      if not units_by_article[l.artGuid] then
        units_by_article[l.artGuid] = 0
        articles[#articles + 1] = l.artGuid
      end
      units_by_article[l.artGuid] = units_by_article[l.artGuid] + l.qty
    else
      kept[#kept + 1] = l
    end
  end
  if #removed == 0 then return 1 end
  local removed_json = cjson.encode(removed)
  if #kept == 0 then
    remove_order(id, order, stored, nil)
    emit('order.lines_removed', '{"orderId":' .. cjson.encode(id) .. ',"code":' .. cjson.encode(code) ..
      ',"lines":' .. removed_json .. ',"order":null}')
    return 1
  end

  local watch = watch_saturation({ code })
  hincr_or_drop(ORIGIN_QTY, code, -removed_units)
  hincr_or_drop(ORIGIN_LINES, code, -#removed)
  hincr_or_drop(ORIGIN_ORDERS, code, -1)
  local gone = { 'c' .. code .. '\0' .. id }
  local still = {}
  for _, l in ipairs(kept) do still[l.artGuid] = true end
  for _, art in ipairs(articles) do
    local units = units_by_article[art]
    hincr_or_drop(origin_articles, art, -units)
    move_article_origin(P .. 'ar:' .. art, code, -units, COUNTERS)
    if not still[art] then gone[#gone + 1] = 'a' .. art .. '\0' .. id end
  end
  zrem_members(INDEX, gone)
  hincr_or_drop(COUNTERS, 'lines', -#removed)
  hincr_or_drop(COUNTERS, 'units', -removed_units)

  order.lines = kept
  local left = encode_order(order)
  redis.call('HSET', ORDERS, id, left)
  record_change(id)
  emit('order.lines_removed', '{"orderId":' .. cjson.encode(id) .. ',"code":' .. cjson.encode(code) ..
    ',"lines":' .. removed_json .. ',"order":' .. served_order(left) .. '}')
  saturation_events(watch)
  return 1
end
