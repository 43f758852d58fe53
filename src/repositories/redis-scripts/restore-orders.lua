--[[
  Writes archived orders back after Redis lost them (restore), skipping any order Redis holds in
  a newer or equal state or has a pending change of: a write or delete made since the loss is
  newer than the archive. Figures and index entries follow; no event is appended (the
  changes were told when they were made).

  Input:
    KEYS[1..13] order-context
    KEYS[14..]  G:og:<code> for each code of the archived orders, then G:ar:<artGuid> for each article
    ARGV[1..10] order-context, ARGV[11] how many orders, ARGV[12] how many codes,
    ARGV[13] how many articles, then the codes, the articles and the orders (includes/argv-order)
  Derived keys: G:ai:<artGuid> of the orders' articles, the figure keys of an older version Redis
  holds (from P).
  Output: {how many orders were written}; {'moved', visible generation}
  Arity: KEYS 13+, ARGV 13+
]]
--- @include "add-order-lines"
--- @include "apply-figures"
--- @include "argv-names"
--- @include "argv-order"
--- @include "check-generation"
--- @include "decode-stored"
--- @include "gather-index"
--- @include "new-figures"
--- @include "order-context"
--- @include "unindex-order"
--- @include "write-index"
register('restore_orders', function(KEYS, ARGV)
  local moved = check_generation(KEYS, ARGV)
  if moved then return moved end
  local ctx = order_context(KEYS, ARGV)
  local n_orders, n_codes, n_articles = tonumber(ARGV[11]), tonumber(ARGV[12]), tonumber(ARGV[13])
  local codes = argv_names(ARGV, 14, n_codes)
  local articles = argv_names(ARGV, 14 + n_codes, n_articles)

  -- The figures and index entries of the orders written, applied once at the end.
  local f = new_figures()
  local index = { entries = {}, arts = {}, by_article = {} }
  local written = 0
  local at = 14 + n_codes + n_articles
  for _ = 1, n_orders do
    local order
    order, at = argv_order(ARGV, at, codes, articles)
    local id = order.orderId
    local live = not (order.expiresAt and order.expiresAt <= ctx.now_iso)
    if live and redis.call('HEXISTS', ctx.changes, id) == 0 then
      local stored = redis.call('HGET', ctx.orders, id)
      local take = true
      if stored then
        local old = decode_stored(stored)
        if old.lastUpdated >= order.lastUpdated then
          take = false
        else
          add_order_lines(f, old.lines, -1)
          unindex_order(ctx, id, old, order.idBytes)
        end
      end
      if take then
        add_order_lines(f, order.lines, 1)
        gather_index(index, id, order, order.idBytes)
        redis.call('HSET', ctx.orders, id, order.json)
        written = written + 1
      end
    end
  end
  apply_figures(f, ctx.p)
  write_index(ctx.index, ctx.p, index)
  return { written }
end)
