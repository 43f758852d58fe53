--[[
  The self-check (domain/reconcile.ts): recomputes every figure, index entry and the counter of the
  visible generation from the orders stored in it, compares each with what is stored and, unless
  it is a dry run, rewrites those that differ. One script, so no write of the tenant interleaves: none is lost, and the
  figures it leaves keep the invariant of includes/apply-figures.lua. Its cost grows with the tenant's
  orders, during which Redis serves no one else: callers refuse tenants over a bound.

  Figures are compared as the writes keep them, over every order in G:o (one expired but not yet
  purged still reserves until it is). An order that cannot be read (not JSON, or lines without
  string code/artGuid or a positive integer qty, or whose orderId is no GUID) is reported and
  counts for nothing.

  Input:
    KEYS[1] T gen, KEYS[2] G:o, KEYS[3] G:oq, KEYS[4] G:ol, KEYS[5] G:oo, KEYS[6] G:i, KEYS[7] G:n
    ARGV[1] G, ARGV[2] G's key prefix P, ARGV[3] the most orders to check, ARGV[4] '1' to repair,
    ARGV[5] the most drifts to list, ARGV[6] how many codes follow, then codes, then artGuids:
    those of the figure keys a SCAN found, so that figures no order points to are checked too.
  Derived keys: every G:og:<code>, G:ar:<artGuid> and G:ai:<artGuid> (from P): which exist is what
    is checked (an article's index is reported as the entries a<artGuid>\0<id> it stands for).
  Output: {'moved', visible generation}, {'too-large', orders}, or
    {'checked', orders, drift count, {unreadable orderId...},
     {{figure, code, artGuid or false, stored or false, recomputed}...}}
    where figure is reservedQty, lineCount, orderCount (code: the origin), originArticleQty,
    articleOriginQty, wrongType (code: the key), indexEntry (code: the entry, '\0' shown as ' ';
    stored/recomputed 1 or 0) or counter (code: its name, `articles`).
  Arity: KEYS 7, ARGV 6+
]]
--- @include "add-order-lines"
--- @include "check-generation"
--- @include "decode-stored"
--- @include "guid-bytes"
--- @include "index-entry-text"
--- @include "index-members"
--- @include "new-figures"
--- @include "zadd-members"
register('reconcile_tenant', function(KEYS, ARGV)
  local moved = check_generation(KEYS, ARGV)
  if moved then return moved end
  local ctx = {}
  ctx.orders, ctx.index, ctx.counters = KEYS[2], KEYS[6], KEYS[7]
  ctx.p = ARGV[2]
  local max_orders, repair, max_reported, n_codes = tonumber(ARGV[3]), ARGV[4] == '1', tonumber(ARGV[5]), tonumber(ARGV[6])
  local count = redis.call('HLEN', ctx.orders)
  if count > max_orders then return { 'too-large', count } end

  -- Index entries hold the orderId as 16 bytes (includes/zadd-members.lua): it must be a GUID.
  local GUID = '^%x%x%x%x%x%x%x%x%-%x%x%x%x%-%x%x%x%x%-%x%x%x%x%-%x%x%x%x%x%x%x%x%x%x%x%x$'
  local function readable(id, o)
    if type(o) ~= 'table' or type(o.lines) ~= 'table' or not string.match(id, GUID) then return false end
    for _, l in ipairs(o.lines) do
      if type(l) ~= 'table' or type(l.code) ~= 'string' or type(l.artGuid) ~= 'string' or type(l.qty) ~= 'number'
        or l.qty < 1 or l.qty ~= math.floor(l.qty) then return false end
    end
    return true
  end

  -- What the figures and index entries should be.
  local expected = new_figures()
  local expected_entries = {}
  local expected_ai = {}  -- artGuid -> { the 16-byte ids of its orders = true }
  local unreadable = {}
  local all = redis.call('HGETALL', ctx.orders)
  for i = 1, #all, 2 do
    local ok, o = pcall(function() return decode_stored(all[i + 1]) end)
    if ok and readable(all[i], o) and type(o.type) == 'string' and type(o.lastUpdated) == 'string' then
      add_order_lines(expected, o.lines, 1)
      local id_bytes = guid_bytes(all[i])
      local members, order_arts = index_members(all[i], o, id_bytes)
      for _, entry in ipairs(members) do expected_entries[entry] = true end
      for _, a in ipairs(order_arts) do
        expected_ai[a] = expected_ai[a] or {}
        expected_ai[a][id_bytes] = true
      end
    else
      unreadable[#unreadable + 1] = all[i]
    end
  end
  local by_code, by_article = {}, {}
  for _, key in ipairs(expected.pair_keys) do
    local pair = expected.pairs[key]
    by_code[pair.code] = by_code[pair.code] or {}
    by_code[pair.code][pair.art] = pair.qty
    by_article[pair.art] = by_article[pair.art] or {}
    by_article[pair.art][pair.code] = pair.qty
  end

  -- A figure key as a table, or nil when it holds another type.
  local function read(key)
    local r = redis.pcall('HGETALL', key)
    if r.err then return nil end
    local m = {}
    for i = 1, #r, 2 do m[r[i]] = r[i + 1] end
    return m
  end

  local drift, drift_count = {}, 0
  local function note(figure, code, art, stored, recomputed)
    drift_count = drift_count + 1
    if #drift < max_reported then drift[#drift + 1] = { figure, code, art or false, stored or false, recomputed } end
  end
  -- Whether a stored figure differs from the recomputed one (absent means 0: empty figures are dropped).
  local function differs(stored, want)
    if stored == nil then return want ~= 0 end
    return want == 0 or tonumber(stored) ~= want
  end

  local totals = { { 'reservedQty', KEYS[3], 'qty' }, { 'lineCount', KEYS[4], 'lines' }, { 'orderCount', KEYS[5], 'orders' } }
  local codes, seen_code = {}, {}
  local function add_code(c) if not seen_code[c] then seen_code[c] = true; codes[#codes + 1] = c end end
  for _, c in ipairs(expected.codes) do add_code(c) end
  for i = 7, 6 + n_codes do add_code(ARGV[i]) end
  for _, t in ipairs(totals) do
    t.stored = read(t[2])
    if t.stored then
      for c in pairs(t.stored) do add_code(c) end
    else
      note('wrongType', t[2]:sub(#ctx.p + 1), false, 'not a hash', 0)
    end
  end

  local zero = { qty = 0, lines = 0, orders = 0 }
  local fix_totals, fix_og, fix_ar = {}, {}, {}
  local arts, seen_art = {}, {}
  local function add_art(a) if not seen_art[a] then seen_art[a] = true; arts[#arts + 1] = a end end
  for _, key in ipairs(expected.pair_keys) do add_art(expected.pairs[key].art) end
  for i = 7 + n_codes, #ARGV do add_art(ARGV[i]) end

  -- Compares one per-origin or per-article hash with what it should hold; answers whether it must be rewritten.
  local function compare(figure, key, want, code, art)
    local stored = read(key)
    if not stored then note('wrongType', key:sub(#ctx.p + 1), false, 'not a hash', 0); return true end
    local bad = false
    for field, v in pairs(stored) do
      local e = want[field] or 0
      if differs(v, e) then
        bad = true
        if code then note(figure, code, field, v, e) else note(figure, field, art, v, e) end
      end
    end
    for field, e in pairs(want) do
      if stored[field] == nil then
        bad = true
        if code then note(figure, code, field, nil, e) else note(figure, field, art, nil, e) end
      end
    end
    return bad
  end

  for _, c in ipairs(codes) do
    local e = expected.origins[c] or zero
    for _, t in ipairs(totals) do
      if t.stored and differs(t.stored[c], e[t[3]]) then
        note(t[1], c, nil, t.stored[c], e[t[3]])
        fix_totals[#fix_totals + 1] = c
      end
    end
    local og = read(ctx.p .. 'og:' .. c)
    if og then for a in pairs(og) do add_art(a) end end
    if compare('originArticleQty', ctx.p .. 'og:' .. c, by_code[c] or {}, c, nil) then fix_og[#fix_og + 1] = c end
  end
  for _, a in ipairs(arts) do
    if compare('articleOriginQty', ctx.p .. 'ar:' .. a, by_article[a] or {}, nil, a) then fix_ar[#fix_ar + 1] = a end
  end

  -- The index, entry by entry.
  local stored_entries = {}
  local index_drift = false
  if redis.call('TYPE', ctx.index).ok ~= 'zset' and redis.call('EXISTS', ctx.index) == 1 then
    note('wrongType', 'i', false, 'not a sorted set', 0)
    index_drift = true
  else
    for _, entry in ipairs(redis.call('ZRANGE', ctx.index, 0, -1)) do
      stored_entries[entry] = true
      if not expected_entries[entry] then note('indexEntry', (index_entry_text(entry):gsub('%z', ' ')), false, 1, 0); index_drift = true end
    end
  end
  for entry in pairs(expected_entries) do
    if not stored_entries[entry] then note('indexEntry', (index_entry_text(entry):gsub('%z', ' ')), false, nil, 1); index_drift = true end
  end
  -- Each article's index, G:ai:<artGuid>, member by member.
  local fix_ai = {}
  for _, a in ipairs(arts) do
    local key, want, bad = ctx.p .. 'ai:' .. a, expected_ai[a] or {}, false
    local function entry_of(id_bytes) return (index_entry_text('a' .. a .. '\0' .. id_bytes):gsub('%z', ' ')) end
    if redis.call('TYPE', key).ok ~= 'zset' and redis.call('EXISTS', key) == 1 then
      note('wrongType', key:sub(#ctx.p + 1), false, 'not a sorted set', 0)
      bad = true
    else
      local stored = {}
      for _, id_bytes in ipairs(redis.call('ZRANGE', key, 0, -1)) do
        stored[id_bytes] = true
        if not want[id_bytes] then note('indexEntry', entry_of(id_bytes), false, 1, 0); bad = true end
      end
      for id_bytes in pairs(want) do
        if not stored[id_bytes] then note('indexEntry', entry_of(id_bytes), false, nil, 1); bad = true end
      end
    end
    if bad then fix_ai[#fix_ai + 1] = a end
  end

  -- The one counter kept (G:n articles: the articles with a reservation). The orders of each
  -- type, their lines and units are read from the index and the origins' figures
  -- (tenant-summary.lua); a field of them left by an earlier build is no figure and is not checked.
  local articles = 0
  for _ in pairs(by_article) do articles = articles + 1 end
  local stored_counters = read(ctx.counters)
  local counters_drift = false
  if not stored_counters then
    note('wrongType', 'n', false, 'not a hash', 0)
    counters_drift = true
  elseif differs(stored_counters.articles, articles) then
    note('counter', 'articles', nil, stored_counters.articles, articles)
    counters_drift = true
  end

  local function rewrite(key, m)
    redis.call('DEL', key)
    local args = {}
    for field, v in pairs(m) do
      args[#args + 1] = field
      args[#args + 1] = string.format('%d', v)
      if #args >= 1000 then redis.call('HSET', key, unpack(args)); args = {} end
    end
    if #args > 0 then redis.call('HSET', key, unpack(args)) end
  end

  if repair and drift_count > 0 then
    for _, t in ipairs(totals) do
      local list = fix_totals
      if not t.stored then redis.call('DEL', t[2]); list = codes end
      for _, c in ipairs(list) do
        local v = (expected.origins[c] or zero)[t[3]]
        if v > 0 then redis.call('HSET', t[2], c, string.format('%d', v)) else redis.call('HDEL', t[2], c) end
      end
    end
    for _, c in ipairs(fix_og) do rewrite(ctx.p .. 'og:' .. c, by_code[c] or {}) end
    for _, a in ipairs(fix_ar) do rewrite(ctx.p .. 'ar:' .. a, by_article[a] or {}) end
    if index_drift then
      redis.call('DEL', ctx.index)
      local entries = {}
      for entry in pairs(expected_entries) do entries[#entries + 1] = entry end
      zadd_members(ctx.index, entries)
    end
    for _, a in ipairs(fix_ai) do
      local key, ids = ctx.p .. 'ai:' .. a, {}
      redis.call('DEL', key)
      for id_bytes in pairs(expected_ai[a] or {}) do ids[#ids + 1] = id_bytes end
      zadd_members(key, ids)
    end
    if counters_drift then
      if not stored_counters then redis.call('DEL', ctx.counters) end
      if articles > 0 then redis.call('HSET', ctx.counters, 'articles', string.format('%d', articles))
      else redis.call('HDEL', ctx.counters, 'articles') end
    end
  end
  return { 'checked', count, drift_count, unreadable, drift }
end)
