--[[
  Removes an order's lines at one stock origin (the origin shipped them); an order left without
  lines is deleted.

  Input:  KEYS[1..7] order-keys, KEYS[8] G:og:<code>;
          ARGV[1..2] order-keys, ARGV[3] orderId, ARGV[4] code, ARGV[5] now (ISO), ARGV[6] change token
  Derived keys: G:ar:<artGuid> of the removed lines' articles, and every figure key of the order
          when it is deleted whole (from P).
  Output: {1} the order exists, {0} it does not (or had expired); {'moved', visible generation}

  The origin's figures lose exactly the removed lines: its units, its lines, one order.
]]
--- @include "order-keys"
--- @include "remove-order"
--- @include "json-expired"
--- @include "stored-order"
local ORIGIN_ARTICLES = KEYS[8]
local id, code, now_iso, token = ARGV[3], ARGV[4], ARGV[5], ARGV[6]

local stored = redis.call('HGET', ORDERS, id)
if not stored then return { 0 } end
local order = cjson.decode(stored)
if order_expired(order, now_iso) then
  remove_order(id, order, token)
  return { 0 }
end

local kept = {}
local removed_units, removed_lines = 0, 0
local units_by_article, articles = {}, {}
for _, l in ipairs(order.lines) do
  if l.code == code then
    removed_units, removed_lines = removed_units + l.qty, removed_lines + 1
    if not units_by_article[l.artGuid] then
      units_by_article[l.artGuid] = 0
      articles[#articles + 1] = l.artGuid
    end
    units_by_article[l.artGuid] = units_by_article[l.artGuid] + l.qty
  else
    kept[#kept + 1] = l
  end
end
if removed_lines == 0 then return { 1 } end
if #kept == 0 then
  remove_order(id, order, token)
  return { 1 }
end

hincr_or_drop(ORIGIN_QTY, code, -removed_units)
hincr_or_drop(ORIGIN_LINES, code, -removed_lines)
hincr_or_drop(ORIGIN_ORDERS, code, -1)
for _, art in ipairs(articles) do
  local units = units_by_article[art]
  hincr_or_drop(ORIGIN_ARTICLES, art, -units)
  hincr_or_drop(P .. 'ar:' .. art, code, -units)
end
order.lines = kept
redis.call('HSET', ORDERS, id, encode_order(order))
record_change(id, token)
return { 1 }
