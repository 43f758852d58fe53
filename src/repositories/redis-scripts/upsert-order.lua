--[[
  Creates or redefines one order in one step: the hot write. With it move its reservation
  figures, index entries and change record, its event is appended, and the record of its
  idempotency key (if any) completed.

  Input:
    KEYS[1..13]  order-context (KEYS[13] T stk, the stock levels)
    KEYS[14] T pol (the tenant's reservation policy)
    KEYS[15..]   per (origin, article) pair of the new order: G:og:<code>, G:ar:<artGuid>
    ARGV[1..10]  order-context
    ARGV[11] orderId            ARGV[12] its stored form (compact JSON: includes/decode-stored.lua)
    ARGV[13] lastUpdated (ISO)
    ARGV[14] expiresAt (ISO) or ''                              ARGV[15] type
    ARGV[16] how many origins   ARGV[17] how many pairs         ARGV[18] '1', or '0' when expired
    ARGV[19] the reservation policy: 'always', 'if-available', or '' for the tenant's (T pol)
    ARGV[20] the orderId's 16 bytes (its index entries hold them: includes/zadd-members.lua)
    then per origin  code, units, lines     (summed by the caller)
    then per pair    code, artGuid, units
    last: the tenant's orders quota, or 0 for none
    An order already expired on arrival is passed with no figures and '0': it reserves nothing,
    enters no index and only removes what was stored.
  Derived keys: the og/ar keys of origins and articles only the stored version has, and G:ai:<artGuid>
  of the articles the order has lines of or had (from P).

  Output: {'created'} | {'redefined'} | {'stale', stored lastUpdated} | {'moved', visible generation}
          | {'short', shortfalls JSON}: refused under if-available, nothing changed (includes/stock-shortfalls.lua,
          includes/capacity-shortfalls.lua)
          | {'quota', 'orders', limit}: a new order past the tenant's orders quota, nothing changed
  A stored order that has expired but is not yet purged is replaced as if absent ('created').
  Events: order.created or order.updated; order.expired first when the stored version had
  expired, or alone when the order arrives expired and a version was stored;
  stock_origin.saturation for each threshold an origin crosses; stock.out / stock.back for each
  tracked pair whose available units cross 0.

  Invariant: G's figures and indexes equal what its stored orders add up to. Every Lua
  operation costs Redis time, so this script is written for it: creating an order is one HINCRBY
  per figure straight from the arguments, one ZADD of its index entries (its expiry among them)
  and one per article's own index; a redefinition sums the change of each figure (new minus stored) in flat arrays numbered
  like the arguments, and swaps the stored version's index entries for the new one's.
  Arity: KEYS 14+, ARGV 21+
]]
--- @include "capacity-shortfalls"
--- @include "check-generation"
--- @include "decode-stored"
--- @include "emit-order-event"
--- @include "finish"
--- @include "has-capacities"
--- @include "hincr-or-drop"
--- @include "move-article-origin"
--- @include "order-context"
--- @include "saturation-events"
--- @include "stock-events"
--- @include "stock-moved"
--- @include "stock-shortfalls"
--- @include "unindex-order"
--- @include "watch-saturation"
--- @include "watch-stock"
--- @include "zrem-members"
register('upsert_order', function(KEYS, ARGV)
  local moved = check_generation(KEYS, ARGV)
  if moved then return moved end
  local ctx = order_context(KEYS, ARGV)
  local id, json, last_updated = ARGV[11], ARGV[12], ARGV[13]
  local expires_at, order_type = ARGV[14], ARGV[15]
  local n_origins, n_pairs, indexed = tonumber(ARGV[16]), tonumber(ARGV[17]), ARGV[18] == '1'
  local key = '\0' .. ARGV[20]                     -- what follows each index entry's value
  local ORIGIN_ARGS = 21                          -- origin j: ARGV[ORIGIN_ARGS + 3(j-1)] code, +1 units, +2 lines
  local PAIR_ARGS = ORIGIN_ARGS + 3 * n_origins   -- pair i:   ARGV[PAIR_ARGS + 3(i-1)] code, +1 artGuid, +2 units
  local PAIR_KEYS = 15                            -- pair i:   KEYS[PAIR_KEYS + 2(i-1)] G:og:<code>, +1 G:ar:<artGuid>
  -- Above this many lines (stored and new), stored lines are matched through an index, not by scanning.
  local SCAN_LIMIT = 24

  local stored = redis.call('HGET', ctx.orders, id)
  -- The tenant's orders quota (the last argument; 0: none): a new order past it is refused here,
  -- where no parallel write can slip in between the count and the write.
  local max_orders = tonumber(ARGV[#ARGV])
  if max_orders > 0 and not stored and indexed and redis.call('HLEN', ctx.orders) >= max_orders then
    return finish(ctx, { 'quota', 'orders', tostring(max_orders) })
  end
  -- The tracked pairs among the new order's (nil: none), watched for the policy and for stock.out/back.
  local stock = nil
  if indexed and n_pairs > 0 then
    local codes, arts = {}, {}
    for i = 1, n_pairs do
      local a = PAIR_ARGS + 3 * (i - 1)
      codes[i], arts[i] = ARGV[a], ARGV[a + 1]
    end
    stock = watch_stock(ctx, codes, arts)
  end
  -- The reservation policy: under if-available, a write that would take a tracked pair past what is
  -- available there, or an origin past its capacity, is refused before anything changes (a stale
  -- write is answered stale below).
  -- The tenant's policy (T pol) is read only where it could refuse something: a write with a tracked
  -- pair among its own, or a tenant with capacities.
  local policy = ARGV[19]
  if policy == '' and indexed and n_pairs > 0 and (stock or has_capacities(ctx)) then policy = redis.call('GET', KEYS[14]) or 'always' end
  if policy == 'if-available' and indexed and n_pairs > 0 then
    local own, own_origin, stale = {}, {}, false
    if stored then
      local old = decode_stored(stored)
      if not (old.expiresAt and old.expiresAt <= ctx.now_iso) then
        stale = old.lastUpdated > last_updated
        for _, l in ipairs(old.lines) do
          local field = l.code .. '\0' .. l.artGuid
          own[field] = (own[field] or 0) + l.qty
          local o = own_origin[l.code] or { units = 0, lines = 0 }
          o.units, o.lines = o.units + l.qty, o.lines + 1
          own_origin[l.code] = o
        end
      end
    end
    if not stale then
      local wanted = {}
      for i = 1, n_pairs do
        local a = PAIR_ARGS + 3 * (i - 1)
        wanted[i] = { code = ARGV[a], art = ARGV[a + 1], units = tonumber(ARGV[a + 2]), origin_articles = KEYS[PAIR_KEYS + 2 * (i - 1)] }
      end
      local shortfalls = stock_shortfalls(stock, wanted, own)
      -- A tenant without capacities pays one EXISTS for this half.
      if has_capacities(ctx) then
        local origins = {}
        for j = 1, n_origins do
          local a = ORIGIN_ARGS + 3 * (j - 1)
          origins[j] = { code = ARGV[a], units = tonumber(ARGV[a + 1]), lines = tonumber(ARGV[a + 2]) }
        end
        for _, s in ipairs(capacity_shortfalls(ctx, origins, own_origin)) do shortfalls[#shortfalls + 1] = s end
      end
      if #shortfalls > 0 then return finish(ctx, { 'short', '[' .. table.concat(shortfalls, ',') .. ']' }) end
    end
  end
  local outcome, watch = 'created', nil
  -- A stored version past its expiry (not yet purged) is replaced as if absent; its expiry is told.
  local stored_expired = false
  if not stored then
    -- Creation: every figure only grows, straight from the caller's sums.
    if n_origins > 0 and has_capacities(ctx) then
      local codes = {}
      for j = 1, n_origins do codes[j] = ARGV[ORIGIN_ARGS + 3 * (j - 1)] end
      watch = watch_saturation(ctx, codes)
    end
    for j = 1, n_origins do
      local a = ORIGIN_ARGS + 3 * (j - 1)
      redis.call('HINCRBY', ctx.origin_qty, ARGV[a], ARGV[a + 1])
      redis.call('HINCRBY', ctx.origin_lines, ARGV[a], ARGV[a + 2])
      redis.call('HINCRBY', ctx.origin_orders, ARGV[a], '1')
    end
    for i = 1, n_pairs do
      local a, k = PAIR_ARGS + 3 * (i - 1), PAIR_KEYS + 2 * (i - 1)
      local reserved = redis.call('HINCRBY', KEYS[k], ARGV[a + 1], ARGV[a + 2])
      if stock then stock_moved(stock, i, tonumber(ARGV[a + 2]), reserved) end
      move_article_origin(KEYS[k + 1], ARGV[a], tonumber(ARGV[a + 2]), ctx.counters, ARGV[a + 2])
    end
    if indexed then
      -- Its index entries (includes/index-members.lua), built here from the arguments rather than
      -- passed: as arguments they cost every call, a redefinition too, about what building them
      -- costs a creation (bench/NOTES.md). Scores are '0' as text: a Lua number would be formatted.
      local members = { '0', 't' .. string.sub(order_type, 1, 1) .. key, '0', 'u' .. last_updated .. key }
      if expires_at ~= '' then members[5], members[6] = '0', 'x' .. expires_at .. key end
      for j = 1, n_origins do
        members[#members + 1] = '0'
        members[#members + 1] = 'c' .. ARGV[ORIGIN_ARGS + 3 * (j - 1)] .. key
      end
      for from = 1, #members, 2000 do redis.call('ZADD', ctx.index, unpack(members, from, math.min(#members, from + 1999))) end
      -- Each article's index is a key of its own (includes/zadd-members.lua).
      local seen = {}
      for i = 1, n_pairs do
        local art = ARGV[PAIR_ARGS + 3 * (i - 1) + 1]
        if not seen[art] then
          seen[art] = true
          redis.call('ZADD', ctx.p .. 'ai:' .. art, '0', ARGV[20])
        end
      end
    end
  else
    local old = decode_stored(stored)
    if not (old.expiresAt and old.expiresAt <= ctx.now_iso) then
      if old.lastUpdated > last_updated then return finish(ctx, { 'stale', old.lastUpdated }) end
      outcome = 'redefined'
    else
      stored_expired = true
    end

    -- Redefinition. The change of every figure, new minus stored: origins are numbered 1..n_origins
    -- and pairs 1..n_pairs as in the arguments, then come those only the stored version has.
    local origin_code, d_units, d_lines, d_orders = {}, {}, {}, {}
    local pair_code, pair_art, d_pair_units = {}, {}, {}
    for j = 1, n_origins do
      local a = ORIGIN_ARGS + 3 * (j - 1)
      origin_code[j], d_units[j], d_lines[j], d_orders[j] = ARGV[a], tonumber(ARGV[a + 1]), tonumber(ARGV[a + 2]), 1
    end
    for i = 1, n_pairs do
      local a = PAIR_ARGS + 3 * (i - 1)
      pair_code[i], pair_art[i], d_pair_units[i] = ARGV[a], ARGV[a + 1], tonumber(ARGV[a + 2])
    end

    -- Each stored line is matched to its origin's and pair's numbers by scanning (strings compare
    -- by reference), or for large orders through an index.
    local origin_number, pair_number
    if #old.lines + n_pairs > SCAN_LIMIT then
      origin_number, pair_number = {}, {}
      for j = 1, n_origins do origin_number[origin_code[j]] = j end
      for i = 1, n_pairs do pair_number[pair_code[i] .. '\0' .. pair_art[i]] = i end
    end
    local stored_at = {}       -- origins the stored version has a line at
    local stored_article = {}  -- articles the stored version has a line of
    for _, l in ipairs(old.lines) do
      local code, art = l.code, l.artGuid
      local j, i
      if origin_number then
        j, i = origin_number[code], pair_number[code .. '\0' .. art]
      else
        for n = 1, #origin_code do if origin_code[n] == code then j = n; break end end
        for n = 1, #pair_code do if pair_art[n] == art and pair_code[n] == code then i = n; break end end
      end
      if not j then
        j = #origin_code + 1
        origin_code[j], d_units[j], d_lines[j], d_orders[j] = code, 0, 0, 0
        if origin_number then origin_number[code] = j end
      end
      d_units[j], d_lines[j] = d_units[j] - l.qty, d_lines[j] - 1
      if not stored_at[j] then stored_at[j] = true; d_orders[j] = d_orders[j] - 1 end
      if not i then
        i = #pair_code + 1
        pair_code[i], pair_art[i], d_pair_units[i] = code, art, 0
        if pair_number then pair_number[code .. '\0' .. art] = i end
      end
      d_pair_units[i] = d_pair_units[i] - l.qty
      stored_article[art] = true
    end

    watch = watch_saturation(ctx, origin_code)
    -- Pairs 1..n_pairs are the new order's, already watched; those only the stored version has too.
    stock = watch_stock(ctx, pair_code, pair_art, n_pairs + 1, stock)
    for j = 1, #origin_code do
      hincr_or_drop(ctx.origin_qty, origin_code[j], d_units[j])
      hincr_or_drop(ctx.origin_lines, origin_code[j], d_lines[j])
      hincr_or_drop(ctx.origin_orders, origin_code[j], d_orders[j])
    end
    for i = 1, #pair_code do
      local d = d_pair_units[i]
      if d ~= 0 then
        local origin_articles, article_origins
        if i <= n_pairs then
          local k = PAIR_KEYS + 2 * (i - 1)
          origin_articles, article_origins = KEYS[k], KEYS[k + 1]
        else
          origin_articles, article_origins = ctx.p .. 'og:' .. pair_code[i], ctx.p .. 'ar:' .. pair_art[i]
        end
        stock_moved(stock, i, d, hincr_or_drop(origin_articles, pair_art[i], d))
        move_article_origin(article_origins, pair_code[i], d, ctx.counters)
      end
    end

    if not indexed then
      -- Expired on arrival: the stored version leaves the indexes.
      unindex_order(ctx, id, old, ARGV[20])
    else
      -- Index entries move by what changed: usually the last update alone.
      local gone, added = {}, {}
      local function swap(old_entry, new_entry)
        if old_entry then gone[#gone + 1] = old_entry end
        if new_entry then added[#added + 1] = '0'; added[#added + 1] = new_entry end
      end
      if old.type ~= order_type then swap('t' .. string.sub(old.type, 1, 1) .. key, 't' .. string.sub(order_type, 1, 1) .. key) end
      if old.lastUpdated ~= last_updated then swap('u' .. old.lastUpdated .. key, 'u' .. last_updated .. key) end
      if old.expiresAt ~= (expires_at ~= '' and expires_at or nil) then
        swap(old.expiresAt and ('x' .. old.expiresAt .. key), expires_at ~= '' and ('x' .. expires_at .. key) or nil)
      end
      for j = 1, #origin_code do
        if j > n_origins then swap('c' .. origin_code[j] .. key, nil)
        elseif not stored_at[j] then swap(nil, 'c' .. origin_code[j] .. key) end
      end
      local new_article = {}
      for i = 1, n_pairs do
        local art = pair_art[i]
        if not new_article[art] then
          new_article[art] = true
          if not stored_article[art] then redis.call('ZADD', ctx.p .. 'ai:' .. art, '0', ARGV[20]) end
        end
      end
      for art in pairs(stored_article) do
        if not new_article[art] then redis.call('ZREM', ctx.p .. 'ai:' .. art, ARGV[20]) end
      end
      if #gone > 0 then zrem_members(ctx.index, gone) end
      for from = 1, #added, 2000 do redis.call('ZADD', ctx.index, unpack(added, from, math.min(#added, from + 1999))) end
    end
  end

  if expires_at ~= '' and expires_at <= ctx.now_iso then
    if stored then
      redis.call('HDEL', ctx.orders, id)
      redis.call('HSET', ctx.changes, id, ctx.token)
      emit_order_event(ctx, 'order.expired', stored_expired and stored or json)
      saturation_events(ctx, watch)
      stock_events(ctx, stock)
    end
    return finish(ctx, { outcome })
  end
  redis.call('HSET', ctx.orders, id, json)
  redis.call('HSET', ctx.changes, id, ctx.token)
  if stored_expired then emit_order_event(ctx, 'order.expired', stored) end
  emit_order_event(ctx, outcome == 'created' and 'order.created' or 'order.updated', json)
  saturation_events(ctx, watch)
  stock_events(ctx, stock)
  return finish(ctx, { outcome })
end)
