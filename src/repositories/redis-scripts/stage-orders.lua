--[[
  Stages a chunk of a replacement order set (PUT /orders) into generation S, which nobody reads
  until switch-generation makes it visible: its orders, figures, index entries and counters.

  Input:
    KEYS[1]      G:o of the visible generation (to count the orders that already exist)
    KEYS[2..7]   S:o, S:oq, S:ol, S:oo, S:ix, S:n
    KEYS[8..]    S:og:<code> for each code of the chunk, then S:ar:<artGuid> for each article
    ARGV[1] S's key prefix (the names of its keys are built from it)   ARGV[2] now (ISO)
    ARGV[3] how many orders   ARGV[4] how many codes   ARGV[5] how many articles
    then the codes, the articles and the orders (includes/argv-orders)
  Output: how many of these orders exist in the visible generation.

  An order already expired is left out: it reserves nothing. S's figures are those of what was
  staged in it, so once visible they keep the invariant of includes/figures.lua.
]]
--- @include "figures"
--- @include "order-index"
--- @include "argv-orders"
local VISIBLE_ORDERS = KEYS[1]
local ORDERS, INDEX, COUNTERS = KEYS[2], KEYS[6], KEYS[7]
local S, now_iso = ARGV[1], ARGV[2]
local n_orders, n_codes, n_articles = tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5])
local codes = argv_names(6, n_codes)
local articles = argv_names(6 + n_codes, n_articles)

local f = new_figures()
local existing = 0
local entries = {}
local at = 6 + n_codes + n_articles
for _ = 1, n_orders do
  local order
  order, at = argv_order(at, codes, articles)
  if redis.call('HEXISTS', VISIBLE_ORDERS, order.orderId) == 1 then existing = existing + 1 end
  if not (order.expiresAt and order.expiresAt <= now_iso) then
    add_order_lines(f, order.lines, 1)
    redis.call('HSET', ORDERS, order.orderId, order.json)
    for _, entry in ipairs(index_members(order.orderId, order)) do entries[#entries + 1] = entry end
    count_order(COUNTERS, order, 1)
  end
end
apply_figures(f, S)
zadd_members(INDEX, entries)
return existing
