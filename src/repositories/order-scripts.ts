/**
 * Lua scripts over one tenant's keys (see keys.ts). Each runs atomically, so the invariant they
 * share always holds between two commands:
 *
 *   for every origin c and article a, the reservation figures (G:oq, G:ol, G:oo, G:og:c, G:ar:a)
 *   equal what the orders in G:o that have not expired add up to.
 *
 * Every script is called with KEYS[1] = the tenant's `gen` key and ARGV[1] = the tenant prefix;
 * the other keys are derived from them and share the tenant's hash tag, so each script stays on
 * one Cluster slot. Scripts validate nothing: callers pass validated data, and no command below
 * can fail on it, so no script stops half-way (Redis does not roll back a failed script).
 */

const prelude = /* lua */ `
local T = ARGV[1]
local G = redis.call('GET', KEYS[1]) or '0'
local P = T .. G .. ':'

local function new_acc() return { origins = {}, codes = {}, pairs = {}, keys = {} } end

-- Adds sign * the figures of one order's lines to an accumulator.
local function accumulate(acc, lines, sign)
  local seen = {}
  for _, l in ipairs(lines) do
    local c = acc.origins[l.code]
    if not c then c = { q = 0, l = 0, o = 0 }; acc.origins[l.code] = c; acc.codes[#acc.codes + 1] = l.code end
    c.q = c.q + sign * l.qty
    c.l = c.l + sign
    if not seen[l.code] then seen[l.code] = true; c.o = c.o + sign end
    local k = l.code .. '\\0' .. l.artGuid
    local a = acc.pairs[k]
    if not a then a = { code = l.code, art = l.artGuid, q = 0 }; acc.pairs[k] = a; acc.keys[#acc.keys + 1] = k end
    a.q = a.q + sign * l.qty
  end
end

local function hincr_or_drop(key, field, delta)
  if delta ~= 0 and redis.call('HINCRBY', key, field, delta) <= 0 then redis.call('HDEL', key, field) end
end

-- Writes an accumulator's net deltas into the figures of generation prefix p.
local function apply(p, acc)
  for _, k in ipairs(acc.keys) do
    local a = acc.pairs[k]
    if a.q ~= 0 then
      hincr_or_drop(p .. 'og:' .. a.code, a.art, a.q)
      hincr_or_drop(p .. 'ar:' .. a.art, a.code, a.q)
    end
  end
  for _, code in ipairs(acc.codes) do
    local c = acc.origins[code]
    if c.q ~= 0 and tonumber(redis.call('ZINCRBY', p .. 'oq', c.q, code)) <= 0 then redis.call('ZREM', p .. 'oq', code) end
    hincr_or_drop(p .. 'ol', code, c.l)
    hincr_or_drop(p .. 'oo', code, c.o)
  end
end

local function mark_dirty(id)
  redis.call('HSET', T .. 'dirty', id, redis.call('INCR', T .. 'seq'))
end

local function is_expired(p, id, now)
  local exp = redis.call('ZSCORE', p .. 'x', id)
  return exp and tonumber(exp) <= now
end

-- Removes a stored order and everything it reserves.
local function remove_order(p, id, lines)
  local acc = new_acc()
  accumulate(acc, lines, -1)
  apply(p, acc)
  redis.call('HDEL', p .. 'o', id)
  redis.call('ZREM', p .. 'x', id)
  mark_dirty(id)
end

local function purge_due(now, limit)
  local ids = redis.call('ZRANGEBYSCORE', P .. 'x', '-inf', now, 'LIMIT', 0, limit)
  for _, id in ipairs(ids) do
    local old = redis.call('HGET', P .. 'o', id)
    if old then remove_order(P, id, cjson.decode(old).lines) else redis.call('ZREM', P .. 'x', id) end
  end
  return #ids
end

-- Reads lines passed flat as (code, artGuid, qty) triples from ARGV[from].
local function argv_lines(from, count)
  local lines = {}
  for i = 0, count - 1 do
    local j = from + i * 3
    lines[i + 1] = { code = ARGV[j], artGuid = ARGV[j + 1], qty = tonumber(ARGV[j + 2]) }
  end
  return lines
end

-- The stored JSON, fields in the contract's order.
local function encode_order(o)
  local parts = {}
  for i, l in ipairs(o.lines) do
    parts[i] = '{"code":' .. cjson.encode(l.code) .. ',"artGuid":' .. cjson.encode(l.artGuid) .. ',"qty":' .. string.format('%d', l.qty) .. '}'
  end
  local s = '{"orderId":' .. cjson.encode(o.orderId) .. ',"lastUpdated":' .. cjson.encode(o.lastUpdated)
  if o.expiresAt then s = s .. ',"expiresAt":' .. cjson.encode(o.expiresAt) end
  return s .. ',"type":' .. cjson.encode(o.type) .. ',"lines":[' .. table.concat(parts, ',') .. ']}'
end
`;

const script = (body: string) => `${prelude}\n${body}`;

/**
 * ARGV: T, orderId, json, lastUpdated, expiresAtMs|'', now, lineCount, (code, artGuid, qty)...
 * Answers {1} created, {0} redefined, {-1, storedLastUpdated} refused as stale.
 * An order already expired on arrival removes what was stored and reserves nothing.
 */
export const UPSERT_ORDER = script(/* lua */ `
local id, json, updated, exp, now = ARGV[2], ARGV[3], ARGV[4], ARGV[5], tonumber(ARGV[6])
local acc = new_acc()
local created = 1
local old = redis.call('HGET', P .. 'o', id)
if old then
  local o = cjson.decode(old)
  if not is_expired(P, id, now) then
    if o.lastUpdated > updated then return { -1, o.lastUpdated } end
    created = 0
  end
  accumulate(acc, o.lines, -1)
end
if exp ~= '' and tonumber(exp) <= now then
  if old then
    apply(P, acc)
    redis.call('HDEL', P .. 'o', id)
    redis.call('ZREM', P .. 'x', id)
    mark_dirty(id)
  end
  return { created }
end
accumulate(acc, argv_lines(8, tonumber(ARGV[7])), 1)
apply(P, acc)
redis.call('HSET', P .. 'o', id, json)
if exp ~= '' then redis.call('ZADD', P .. 'x', exp, id) elseif old then redis.call('ZREM', P .. 'x', id) end
mark_dirty(id)
return { created }
`);

/** ARGV: T, orderId, now. Answers the stored JSON, or nil when absent or expired. */
export const GET_ORDER = script(/* lua */ `
local id, now = ARGV[2], tonumber(ARGV[3])
local json = redis.call('HGET', P .. 'o', id)
if not json or is_expired(P, id, now) then return false end
return json
`);

/** ARGV: T, now, orderId... Answers the JSON of each order, false where absent or expired. */
export const GET_ORDERS = script(/* lua */ `
local now = tonumber(ARGV[2])
local out = {}
for i = 3, #ARGV do
  local id = ARGV[i]
  local json = redis.call('HGET', P .. 'o', id)
  if json and not is_expired(P, id, now) then out[i - 2] = json else out[i - 2] = false end
end
return out
`);

/**
 * ARGV: T, orderId, now. Answers 1 when a live order was deleted, 0 when there was none.
 * A miss is recorded as a change too: should Redis have lost the order, the deletion still wins
 * over the archived copy (restore skips it, the next sync deletes it from MongoDB).
 */
export const DELETE_ORDER = script(/* lua */ `
local id, now = ARGV[2], tonumber(ARGV[3])
local old = redis.call('HGET', P .. 'o', id)
if not old then mark_dirty(id); return 0 end
local expired = is_expired(P, id, now)
remove_order(P, id, cjson.decode(old).lines)
if expired then return 0 end
return 1
`);

/**
 * ARGV: T, orderId, code, now. Removes the order's lines at that origin; an order left without
 * lines is deleted. Answers 1 when the order exists, 0 when not.
 */
export const DELETE_ORDER_LINES_AT_ORIGIN = script(/* lua */ `
local id, code, now = ARGV[2], ARGV[3], tonumber(ARGV[4])
local old = redis.call('HGET', P .. 'o', id)
if not old then return 0 end
local o = cjson.decode(old)
if is_expired(P, id, now) then remove_order(P, id, o.lines); return 0 end
local kept, removed = {}, {}
for _, l in ipairs(o.lines) do
  if l.code == code then removed[#removed + 1] = l else kept[#kept + 1] = l end
end
if #removed == 0 then return 1 end
if #kept == 0 then remove_order(P, id, o.lines); return 1 end
local acc = new_acc()
accumulate(acc, removed, -1)
apply(P, acc)
o.lines = kept
redis.call('HSET', P .. 'o', id, encode_order(o))
mark_dirty(id)
return 1
`);

/** ARGV: T, now, limit. Answers how many expired orders were removed. */
export const EXPIRE_DUE_ORDERS = script(/* lua */ `
return purge_due(tonumber(ARGV[2]), tonumber(ARGV[3]))
`);

/** Reads never show an expired order: they first purge what is due (bounded; the sweeper does the rest). */
const PURGE_BEFORE_READ = 1000;

/** ARGV: T, code, now. Answers { reservedQty, lineCount, orderCount, [artGuid, qty]... }. */
export const GET_STOCK_ORIGIN = script(/* lua */ `
local code = ARGV[2]
purge_due(tonumber(ARGV[3]), ${PURGE_BEFORE_READ})
return {
  redis.call('ZSCORE', P .. 'oq', code) or '0',
  redis.call('HGET', P .. 'ol', code) or '0',
  redis.call('HGET', P .. 'oo', code) or '0',
  redis.call('HGETALL', P .. 'og:' .. code),
}
`);

/** ARGV: T, now, limit. Answers { total, [code, qty]..., lineCounts, orderCounts }, most reserved first. */
export const LIST_STOCK_ORIGINS = script(/* lua */ `
purge_due(tonumber(ARGV[2]), ${PURGE_BEFORE_READ})
local total = redis.call('ZCARD', P .. 'oq')
local top = redis.call('ZREVRANGE', P .. 'oq', 0, tonumber(ARGV[3]) - 1, 'WITHSCORES')
if #top == 0 then return { total, top, {}, {} } end
local codes = {}
for i = 1, #top, 2 do codes[#codes + 1] = top[i] end
return { total, top, redis.call('HMGET', P .. 'ol', unpack(codes)), redis.call('HMGET', P .. 'oo', unpack(codes)) }
`);

/** ARGV: T, artGuid, now. Answers [code, qty]... */
export const GET_ARTICLE = script(/* lua */ `
purge_due(tonumber(ARGV[3]), ${PURGE_BEFORE_READ})
return redis.call('HGETALL', P .. 'ar:' .. ARGV[2])
`);

/**
 * Stages a chunk of a replacement set into a generation that is not yet visible.
 * ARGV: T, stagedGen, now, orderCount, then per order: orderId, json, expiresAtMs|'', lineCount,
 * (code, artGuid, qty)... Answers how many of these orders exist in the visible generation.
 */
export const STAGE_ORDERS = script(/* lua */ `
local S = T .. ARGV[2] .. ':'
local now = tonumber(ARGV[3])
local acc = new_acc()
local existing = 0
local i = 5
for _ = 1, tonumber(ARGV[4]) do
  local id, json, exp, n = ARGV[i], ARGV[i + 1], ARGV[i + 2], tonumber(ARGV[i + 3])
  if redis.call('HEXISTS', P .. 'o', id) == 1 then existing = existing + 1 end
  if exp == '' or tonumber(exp) > now then
    accumulate(acc, argv_lines(i + 4, n), 1)
    redis.call('HSET', S .. 'o', id, json)
    if exp ~= '' then redis.call('ZADD', S .. 'x', exp, id) end
  end
  i = i + 4 + n * 3
end
apply(S, acc)
return existing
`);

/**
 * Makes a staged generation the visible one, if the visible one is still ARGV[3] (else 0: a
 * concurrent replacement won). The old generation is queued for deletion, and the tenant loses
 * its `synced` mark so that the next sync is a full one should the archive write be interrupted.
 * ARGV: T, stagedGen, expectedGen. Answers { 1, newCount, oldCount } or { 0 }.
 */
export const SWITCH_GENERATION = script(/* lua */ `
if G ~= ARGV[3] then return { 0 } end
local S = T .. ARGV[2] .. ':'
local oldCount = redis.call('HLEN', P .. 'o')
redis.call('SET', KEYS[1], ARGV[2])
redis.call('RPUSH', T .. 'gc', G)
redis.call('DEL', T .. 'synced')
return { 1, redis.call('HLEN', S .. 'o'), oldCount }
`);

/**
 * Writes archived orders back after Redis lost them, skipping any order Redis holds in a newer
 * state or has a pending change of (a write or delete made since the loss is newer than the archive).
 * ARGV: T, now, orderCount, then per order: orderId, json, lastUpdated, expiresAtMs|'', lineCount, lines...
 * Answers how many orders were written.
 */
export const RESTORE_ORDERS = script(/* lua */ `
local now = tonumber(ARGV[2])
local written = 0
local acc = new_acc()
local i = 4
for _ = 1, tonumber(ARGV[3]) do
  local id, json, updated, exp, n = ARGV[i], ARGV[i + 1], ARGV[i + 2], ARGV[i + 3], tonumber(ARGV[i + 4])
  local live = exp == '' or tonumber(exp) > now
  if live and redis.call('HEXISTS', T .. 'dirty', id) == 0 then
    local old = redis.call('HGET', P .. 'o', id)
    local take = true
    if old then
      local o = cjson.decode(old)
      if o.lastUpdated >= updated then take = false else accumulate(acc, o.lines, -1) end
    end
    if take then
      accumulate(acc, argv_lines(i + 5, n), 1)
      redis.call('HSET', P .. 'o', id, json)
      if exp ~= '' then redis.call('ZADD', P .. 'x', exp, id) else redis.call('ZREM', P .. 'x', id) end
      written = written + 1
    end
  end
  i = i + 5 + n * 3
end
apply(P, acc)
return written
`);

/**
 * Forgets pending changes that the archive now reflects, unless the order changed again since
 * (its change number moved on). ARGV: T, (orderId, seq)...
 */
export const ACK_CHANGES = /* lua */ `
local T = ARGV[1]
local n = 0
for i = 2, #ARGV, 2 do
  if redis.call('HGET', T .. 'dirty', ARGV[i]) == ARGV[i + 1] then
    redis.call('HDEL', T .. 'dirty', ARGV[i])
    n = n + 1
  end
end
return n
`;

/**
 * The self-check (domain/reconcile.ts): recomputes every figure of the visible generation from the
 * orders in G:o, compares it with what is stored, and unless it is a dry run rewrites what differs.
 * One script, so no write of the tenant can interleave: none is lost, and the figures it leaves
 * keep the invariant above. Its cost grows with the tenant's orders, during which Redis serves no
 * one else: callers refuse tenants over a bound (RECONCILE_MAX_ORDERS).
 *
 * Figures are compared, like the writes keep them, over every order in G:o (one expired but not
 * yet purged still reserves until it is). An order that cannot be read (not JSON, lines without
 * string code/artGuid or a positive integer qty) is reported and counts for nothing.
 *
 * ARGV: T, expectedGen, maxOrders, repair ('1'|'0'), maxReported, codeCount, codes..., artGuids...
 * (codes and articles of figure keys found by SCAN: figures nothing else points to are checked too).
 * Answers {'generation-changed'}, {'too-large', orderCount}, or
 * {'checked', orderCount, driftCount, {unreadable orderId...}, {{figure, code, artGuid|nil, stored|nil, recomputed}...}}.
 */
export const RECONCILE_TENANT = script(/* lua */ `
if G ~= ARGV[2] then return { 'generation-changed' } end
local maxOrders, repair, maxReported, nCodes = tonumber(ARGV[3]), ARGV[4] == '1', tonumber(ARGV[5]), tonumber(ARGV[6])
local count = redis.call('HLEN', P .. 'o')
if count > maxOrders then return { 'too-large', count } end

local function readable(o)
  if type(o) ~= 'table' or type(o.lines) ~= 'table' then return false end
  for _, l in ipairs(o.lines) do
    if type(l) ~= 'table' or type(l.code) ~= 'string' or type(l.artGuid) ~= 'string' or type(l.qty) ~= 'number'
      or l.qty < 1 or l.qty ~= math.floor(l.qty) then return false end
  end
  return true
end

local acc = new_acc()
local unreadable = {}
local all = redis.call('HGETALL', P .. 'o')
for i = 1, #all, 2 do
  local ok, o = pcall(cjson.decode, all[i + 1])
  if ok and readable(o) then accumulate(acc, o.lines, 1) else unreadable[#unreadable + 1] = all[i] end
end

local byCode, byArt = {}, {}
for _, k in ipairs(acc.keys) do
  local a = acc.pairs[k]
  byCode[a.code] = byCode[a.code] or {}
  byCode[a.code][a.art] = a.q
  byArt[a.art] = byArt[a.art] or {}
  byArt[a.art][a.code] = a.q
end

-- A figure key as a table, or nil when it holds another type.
local function read(key, zset)
  local r
  if zset then r = redis.pcall('ZRANGE', key, 0, -1, 'WITHSCORES') else r = redis.pcall('HGETALL', key) end
  if r.err then return nil end
  local m = {}
  for i = 1, #r, 2 do m[r[i]] = r[i + 1] end
  return m
end

local drift, driftCount = {}, 0
local function note(figure, code, art, stored, recomputed)
  driftCount = driftCount + 1
  if #drift < maxReported then drift[#drift + 1] = { figure, code, art or false, stored or false, recomputed } end
end
-- A stored figure differs from the recomputed one (0 means absent: scripts drop empty figures).
local function differs(stored, expected)
  if stored == nil then return expected ~= 0 end
  return expected == 0 or tonumber(stored) ~= expected
end

local totals = { { 'reservedQty', 'oq', 'q' }, { 'lineCount', 'ol', 'l' }, { 'orderCount', 'oo', 'o' } }
local codes, seenCode = {}, {}
local function addCode(c) if not seenCode[c] then seenCode[c] = true; codes[#codes + 1] = c end end
for _, c in ipairs(acc.codes) do addCode(c) end
for i = 7, 6 + nCodes do addCode(ARGV[i]) end
for _, t in ipairs(totals) do
  t.stored = read(P .. t[2], t[2] == 'oq')
  if t.stored then for c in pairs(t.stored) do addCode(c) end else note('wrongType', t[2], false, 'not a ' .. (t[2] == 'oq' and 'sorted set' or 'hash'), 0) end
end

local zero = { q = 0, l = 0, o = 0 }
local fixTotals, fixOg, fixAr = {}, {}, {}
local arts, seenArt = {}, {}
local function addArt(a) if not seenArt[a] then seenArt[a] = true; arts[#arts + 1] = a end end
for _, a in ipairs(acc.keys) do addArt(acc.pairs[a].art) end
for i = 7 + nCodes, #ARGV do addArt(ARGV[i]) end

-- Compares one per-origin or per-article hash; answers whether it must be rewritten.
local function compare(figure, key, expected, code, art)
  local stored = read(key, false)
  if not stored then note('wrongType', key:sub(#P + 1), false, 'not a hash', 0); return true end
  local bad = false
  for field, v in pairs(stored) do
    local e = expected[field] or 0
    if differs(v, e) then
      bad = true
      if code then note(figure, code, field, v, e) else note(figure, field, art, v, e) end
    end
  end
  for field, e in pairs(expected) do
    if stored[field] == nil then
      bad = true
      if code then note(figure, code, field, nil, e) else note(figure, field, art, nil, e) end
    end
  end
  return bad
end

for _, c in ipairs(codes) do
  local e = acc.origins[c] or zero
  for _, t in ipairs(totals) do
    if t.stored and differs(t.stored[c], e[t[3]]) then
      note(t[1], c, nil, t.stored[c], e[t[3]])
      fixTotals[#fixTotals + 1] = c
    end
  end
  local og = read(P .. 'og:' .. c, false)
  if og then for a in pairs(og) do addArt(a) end end
  if compare('originArticleQty', P .. 'og:' .. c, byCode[c] or {}, c, nil) then fixOg[#fixOg + 1] = c end
end
for _, a in ipairs(arts) do
  if compare('articleOriginQty', P .. 'ar:' .. a, byArt[a] or {}, nil, a) then fixAr[#fixAr + 1] = a end
end

local function rewrite(key, m)
  redis.call('DEL', key)
  local args = {}
  for f, v in pairs(m) do
    args[#args + 1] = f
    args[#args + 1] = string.format('%d', v)
    if #args >= 1000 then redis.call('HSET', key, unpack(args)); args = {} end
  end
  if #args > 0 then redis.call('HSET', key, unpack(args)) end
end

if repair and driftCount > 0 then
  for _, t in ipairs(totals) do
    local key = P .. t[2]
    local list = fixTotals
    if not t.stored then redis.call('DEL', key); list = codes end
    for _, c in ipairs(list) do
      local v = (acc.origins[c] or zero)[t[3]]
      if t[2] == 'oq' then
        if v > 0 then redis.call('ZADD', key, v, c) else redis.call('ZREM', key, c) end
      elseif v > 0 then redis.call('HSET', key, c, string.format('%d', v))
      else redis.call('HDEL', key, c) end
    end
  end
  for _, c in ipairs(fixOg) do rewrite(P .. 'og:' .. c, byCode[c] or {}) end
  for _, a in ipairs(fixAr) do rewrite(P .. 'ar:' .. a, byArt[a] or {}) end
end
return { 'checked', count, driftCount, unreadable, drift }
`);

/** ARGV: T. Answers { units reserved across the tenant's origins, orders stored }. */
export const TENANT_TOTALS = script(/* lua */ `
local scores = redis.call('ZRANGE', P .. 'oq', 0, -1, 'WITHSCORES')
local sum = 0
for i = 2, #scores, 2 do sum = sum + (tonumber(scores[i]) or 0) end
return { string.format('%d', sum), redis.call('HLEN', P .. 'o') }
`);
