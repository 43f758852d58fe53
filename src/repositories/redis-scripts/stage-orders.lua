--[[
  Stages a chunk of a replacement order set (PUT /orders) into generation S, which nobody reads
  until switch-generation makes it visible: its orders, figures and index entries.
  Derived keys: S:ai:<artGuid> of the chunk's articles (from S's prefix).

  Input:
    KEYS[1]      G:o of the visible generation (to count the orders that already exist)
    KEYS[2..7]   S:o, S:oq, S:ol, S:oo, S:i, S:n (its count of articles: includes/apply-figures.lua)
    KEYS[8..]    S:og:<code> for each code of the chunk, then S:ar:<artGuid> for each article
    ARGV[1] S's key prefix (the names of its keys are built from it)   ARGV[2] now (ISO)
    ARGV[3] how many orders   ARGV[4] how many codes   ARGV[5] how many articles
    then the codes, the articles and the orders (includes/argv-order)
  Output: how many of these orders exist in the visible generation.

  An order already expired is left out: it reserves nothing. S's figures are those of what was
  staged in it, so once visible they keep the invariant of includes/apply-figures.lua.
  Arity: KEYS 7+, ARGV 5+
]]
--- @include "add-order-lines"
--- @include "apply-figures"
--- @include "argv-names"
--- @include "argv-order"
--- @include "gather-index"
--- @include "new-figures"
--- @include "write-index"
register('stage_orders', function(KEYS, ARGV)
  local VISIBLE_ORDERS = KEYS[1]
  local ctx = {}
  ctx.orders, ctx.index = KEYS[2], KEYS[6]
  local S, now_iso = ARGV[1], ARGV[2]
  local n_orders, n_codes, n_articles = tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5])
  local codes = argv_names(ARGV, 6, n_codes)
  local articles = argv_names(ARGV, 6 + n_codes, n_articles)

  local f = new_figures()
  local existing = 0
  local index = { entries = {}, arts = {}, by_article = {} }
  local at = 6 + n_codes + n_articles
  for _ = 1, n_orders do
    local order
    order, at = argv_order(ARGV, at, codes, articles)
    if redis.call('HEXISTS', VISIBLE_ORDERS, order.orderId) == 1 then existing = existing + 1 end
    if not (order.expiresAt and order.expiresAt <= now_iso) then
      add_order_lines(f, order.lines, 1)
      redis.call('HSET', ctx.orders, order.orderId, order.json)
      gather_index(index, order.orderId, order, order.idBytes)
    end
  end
  apply_figures(f, S)
  write_index(ctx.index, S, index)
  return existing
end)
