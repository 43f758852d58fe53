/**
 * Lua scripts over one tenant's keys (see keys.ts). Each runs atomically, so the invariant they
 * share always holds between two commands:
 *
 *   for every origin c and article a, the reservation figures (G:oq, G:ol, G:oo, G:og:c, G:ar:a)
 *   equal what the orders in G:o that have not expired add up to.
 *
 * Every script but the two hot ones (UPSERT_ORDER, GET_ORDER: their keys come from the caller)
 * is called with KEYS[1] = the tenant's `gen` key and ARGV[1] = the tenant prefix; the other keys
 * are derived from them. All of a tenant's keys share its hash tag, so each script stays on one
 * Cluster slot. Scripts validate nothing: callers pass validated data, and no command below
 * can fail on it, so no script stops half-way (Redis does not roll back a failed script).
 *
 * Each `redis.call` costs Redis a microsecond or more, and Redis serves no one else meanwhile, so
 * the hot paths spare it: every figure is a counter moved by one HINCRBY (the cheapest command
 * here, bench/NOTES.md); an order's expiry is read from its stored JSON (ISO-8601 UTC dates
 * compare as strings), not from the expiry index; a change is recorded under a token the caller
 * makes unique, not a counter; the hot upsert and read take key names and summed figures from the
 * caller rather than building them in Lua. */

/**
 * Whether a stored order's JSON is expired, without decoding it: a bare '"expiresAt":"' can only
 * be that key (quotes inside JSON strings are escaped), and the date after it is 24 characters,
 * YYYY-MM-DDTHH:mm:ss.sssZ, whose string order is time order.
 */
const JSON_EXPIRED = /* lua */ `
local function json_expired(json, nowIso)
  local s = string.find(json, '"expiresAt":"', 1, true)
  return s ~= nil and string.sub(json, s + 13, s + 36) <= nowIso
end
`;

/** The counter update every figure goes through: a figure that reaches zero is dropped. */
const HINCR_OR_DROP = /* lua */ `
local function hincr_or_drop(key, field, delta)
  if delta ~= 0 and redis.call('HINCRBY', key, field, delta) <= 0 then redis.call('HDEL', key, field) end
end
`;

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

${HINCR_OR_DROP}
-- Writes an accumulator's net deltas into the figures of generation prefix p.
local function apply(p, acc)
  for _, k in ipairs(acc.keys) do
    local a = acc.pairs[k]
    if a.q ~= 0 then
      hincr_or_drop(p .. 'og:' .. a.code, a.art, a.q)
      hincr_or_drop(p .. 'ar:' .. a.art, a.code, a.q)
    end
  end
  local OQ, OL, OO = p .. 'oq', p .. 'ol', p .. 'oo'
  for _, code in ipairs(acc.codes) do
    local c = acc.origins[code]
    hincr_or_drop(OQ, code, c.q)
    hincr_or_drop(OL, code, c.l)
    hincr_or_drop(OO, code, c.o)
  end
end

-- The change token is unique per script call (the caller makes it so): a sync forgets a change
-- only if no other came since (ACK_CHANGES).
local function mark_dirty(id, token)
  redis.call('HSET', T .. 'dirty', id, token)
end

-- Stored orders are JSON with dates as YYYY-MM-DDTHH:mm:ss.sssZ: string order is time order.
local function decoded_expired(o, nowIso)
  return o.expiresAt ~= nil and o.expiresAt <= nowIso
end

${JSON_EXPIRED}

-- Removes a stored order (decoded as o) and everything it reserves.
local function remove_order(p, id, o, token)
  local acc = new_acc()
  accumulate(acc, o.lines, -1)
  apply(p, acc)
  redis.call('HDEL', p .. 'o', id)
  if o.expiresAt then redis.call('ZREM', p .. 'x', id) end
  mark_dirty(id, token)
end

local function purge_due(now, limit, token)
  local ids = redis.call('ZRANGEBYSCORE', P .. 'x', '-inf', now, 'LIMIT', 0, limit)
  for _, id in ipairs(ids) do
    local old = redis.call('HGET', P .. 'o', id)
    if old then
      remove_order(P, id, cjson.decode(old), token)
    else
      redis.call('ZREM', P .. 'x', id)
    end
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
 * The hot write, on its own (no prelude): the caller passes the key names and the new order's
 * figures already summed per origin and per (origin, article), so that creating an order costs
 * Redis one HINCRBY per figure and almost no Lua; an existing version is decoded and its figures
 * taken off through the same calls.
 *
 * KEYS: gen, G:o, G:x, G:oq, G:ol, G:oo, dirty (G: the generation the caller expects).
 * ARGV: expectedGen, G prefix, orderId, json, lastUpdated, expiresAtMs|'', expiresAt|'', now,
 *   nowIso, token, originCount, per origin: code, qty, lines, then pairCount, per (origin,
 *   article): code, artGuid, qty, its G:og key, its G:ar key. An order already expired on
 *   arrival is passed without figures: it only removes what was stored.
 * Answers {1} created, {0} redefined, {-1, storedLastUpdated} refused as stale, {-2, gen} when the
 * visible generation is another (nothing written: call again with that one).
 */
export const UPSERT_ORDER = /* lua */ `
local G = redis.call('GET', KEYS[1]) or '0'
if G ~= ARGV[1] then return { -2, G } end
${HINCR_OR_DROP}
local P, id, json, updated, expMs, exp = ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6], ARGV[7]
local now, nowIso, token = tonumber(ARGV[8]), ARGV[9], ARGV[10]
local nC = tonumber(ARGV[11])
local pBase = 12 + 3 * nC
local nP = tonumber(ARGV[pBase])
-- New origin j's arguments start at ARGV[9 + 3j], new pair i's at ARGV[pBase - 4 + 5i].

local old = redis.call('HGET', KEYS[2], id)
local created, oldExp = 1, nil
if not old then
  for j = 1, nC do
    local b = 9 + 3 * j
    redis.call('HINCRBY', KEYS[4], ARGV[b], ARGV[b + 1])
    redis.call('HINCRBY', KEYS[5], ARGV[b], ARGV[b + 2])
    redis.call('HINCRBY', KEYS[6], ARGV[b], 1)
  end
  for i = 1, nP do
    local b = pBase - 4 + 5 * i
    redis.call('HINCRBY', ARGV[b + 3], ARGV[b + 1], ARGV[b + 2])
    redis.call('HINCRBY', ARGV[b + 4], ARGV[b], ARGV[b + 2])
  end
else
  local o = cjson.decode(old)
  if not (o.expiresAt and o.expiresAt <= nowIso) then
    if o.lastUpdated > updated then return { -1, o.lastUpdated } end
    created = 0
  end
  oldExp = o.expiresAt
  -- Deltas, new minus old. Origin j has 4 slots in dc (qty, lines, orders, whether an old line
  -- was there), pair i one in dp: the new ones first (1..nC, 1..nP, named by ARGV), then those
  -- only the old version has (named in xc and xp). Few lines are matched by scanning (strings
  -- compare by reference), many through an index.
  local dc, dp, xc, xp = {}, {}, {}, {}
  for j = 1, nC do
    local b, s = 9 + 3 * j, 4 * j - 3
    dc[s], dc[s + 1], dc[s + 2], dc[s + 3] = tonumber(ARGV[b + 1]), tonumber(ARGV[b + 2]), 1, false
  end
  for i = 1, nP do dp[i] = tonumber(ARGV[pBase - 2 + 5 * i]) end
  local codeAt, pairAt
  if nP + #o.lines > 24 then
    codeAt, pairAt = {}, {}
    for j = 1, nC do codeAt[ARGV[9 + 3 * j]] = j end
    for i = 1, nP do
      local b = pBase - 4 + 5 * i
      pairAt[ARGV[b] .. '\\0' .. ARGV[b + 1]] = i
    end
  end
  for _, l in ipairs(o.lines) do
    local code, art, qty = l.code, l.artGuid, l.qty
    local j, i
    if codeAt then
      j = codeAt[code]
    else
      for k = 1, nC do if ARGV[9 + 3 * k] == code then j = k; break end end
      if not j then for k = 1, #xc do if xc[k] == code then j = nC + k; break end end end
    end
    if not j then
      xc[#xc + 1] = code
      j = nC + #xc
      local s = 4 * j - 3
      dc[s], dc[s + 1], dc[s + 2], dc[s + 3] = 0, 0, 0, false
      if codeAt then codeAt[code] = j end
    end
    local s = 4 * j - 3
    dc[s], dc[s + 1] = dc[s] - qty, dc[s + 1] - 1
    if not dc[s + 3] then dc[s + 3] = true; dc[s + 2] = dc[s + 2] - 1 end
    if pairAt then
      i = pairAt[code .. '\\0' .. art]
    else
      for k = 1, nP do
        local b = pBase - 4 + 5 * k
        if ARGV[b + 1] == art and ARGV[b] == code then i = k; break end
      end
      if not i then for k = 1, #xp, 2 do if xp[k + 1] == art and xp[k] == code then i = nP + (k + 1) / 2; break end end end
    end
    if not i then
      xp[#xp + 1], xp[#xp + 2] = code, art
      i = nP + #xp / 2
      dp[i] = 0
      if pairAt then pairAt[code .. '\\0' .. art] = i end
    end
    dp[i] = dp[i] - qty
  end
  for j = 1, nC + #xc do
    local code, s = xc[j - nC], 4 * j - 3
    if j <= nC then code = ARGV[9 + 3 * j] end
    hincr_or_drop(KEYS[4], code, dc[s])
    hincr_or_drop(KEYS[5], code, dc[s + 1])
    hincr_or_drop(KEYS[6], code, dc[s + 2])
  end
  for i = 1, nP + #xp / 2 do
    local d = dp[i]
    if d ~= 0 then
      local code, art, og, ar
      if i <= nP then
        local b = pBase - 4 + 5 * i
        code, art, og, ar = ARGV[b], ARGV[b + 1], ARGV[b + 3], ARGV[b + 4]
      else
        local k = 2 * (i - nP) - 1
        code, art = xp[k], xp[k + 1]
        og, ar = P .. 'og:' .. code, P .. 'ar:' .. art
      end
      hincr_or_drop(og, art, d)
      hincr_or_drop(ar, code, d)
    end
  end
end

if expMs ~= '' and tonumber(expMs) <= now then
  if old then
    redis.call('HDEL', KEYS[2], id)
    if oldExp then redis.call('ZREM', KEYS[3], id) end
    redis.call('HSET', KEYS[7], id, token)
  end
  return { created }
end
redis.call('HSET', KEYS[2], id, json)
if expMs ~= '' then
  if oldExp ~= exp then redis.call('ZADD', KEYS[3], expMs, id) end
elseif oldExp then
  redis.call('ZREM', KEYS[3], id)
end
redis.call('HSET', KEYS[7], id, token)
return { created }
`;

/**
 * The hot read, on its own. KEYS: gen, G:o. ARGV: expectedGen, orderId, nowIso.
 * Answers the stored JSON, false when absent or expired, or {gen} when the visible generation is another.
 */
export const GET_ORDER = /* lua */ `
local G = redis.call('GET', KEYS[1]) or '0'
if G ~= ARGV[1] then return { G } end
${JSON_EXPIRED}
local json = redis.call('HGET', KEYS[2], ARGV[2])
if not json or json_expired(json, ARGV[3]) then return false end
return json
`;

/** ARGV: T, nowIso, orderId... Answers the JSON of each order, false where absent or expired. */
export const GET_ORDERS = script(/* lua */ `
local nowIso = ARGV[2]
local out = {}
for i = 3, #ARGV do
  local json = redis.call('HGET', P .. 'o', ARGV[i])
  if json and not json_expired(json, nowIso) then out[i - 2] = json else out[i - 2] = false end
end
return out
`);

/**
 * ARGV: T, orderId, nowIso, token. Answers 1 when a live order was deleted, 0 when there was none.
 * A miss is recorded as a change too: should Redis have lost the order, the deletion still wins
 * over the archived copy (restore skips it, the next sync deletes it from MongoDB).
 */
export const DELETE_ORDER = script(/* lua */ `
local id, nowIso, token = ARGV[2], ARGV[3], ARGV[4]
local old = redis.call('HGET', P .. 'o', id)
if not old then mark_dirty(id, token); return 0 end
local o = cjson.decode(old)
remove_order(P, id, o, token)
if decoded_expired(o, nowIso) then return 0 end
return 1
`);

/**
 * ARGV: T, orderId, code, nowIso, token. Removes the order's lines at that origin; an order left
 * without lines is deleted. Answers 1 when the order exists, 0 when not.
 */
export const DELETE_ORDER_LINES_AT_ORIGIN = script(/* lua */ `
local id, code, nowIso, token = ARGV[2], ARGV[3], ARGV[4], ARGV[5]
local old = redis.call('HGET', P .. 'o', id)
if not old then return 0 end
local o = cjson.decode(old)
if decoded_expired(o, nowIso) then remove_order(P, id, o, token); return 0 end
local kept, removed = {}, {}
for _, l in ipairs(o.lines) do
  if l.code == code then removed[#removed + 1] = l else kept[#kept + 1] = l end
end
if #removed == 0 then return 1 end
if #kept == 0 then remove_order(P, id, o, token); return 1 end
local acc = new_acc()
accumulate(acc, removed, -1)
apply(P, acc)
o.lines = kept
redis.call('HSET', P .. 'o', id, encode_order(o))
mark_dirty(id, token)
return 1
`);

/** ARGV: T, now, limit, token. Answers how many expired orders were removed. */
export const EXPIRE_DUE_ORDERS = script(/* lua */ `
return purge_due(tonumber(ARGV[2]), tonumber(ARGV[3]), ARGV[4])
`);

/** Reads never show an expired order: they first purge what is due (bounded; the sweeper does the rest). */
const PURGE_BEFORE_READ = 1000;

/** ARGV: T, code, now, token. Answers { reservedQty, lineCount, orderCount, [artGuid, qty]... }. */
export const GET_STOCK_ORIGIN = script(/* lua */ `
local code = ARGV[2]
purge_due(tonumber(ARGV[3]), ${PURGE_BEFORE_READ}, ARGV[4])
return {
  redis.call('HGET', P .. 'oq', code) or '0',
  redis.call('HGET', P .. 'ol', code) or '0',
  redis.call('HGET', P .. 'oo', code) or '0',
  redis.call('HGETALL', P .. 'og:' .. code),
}
`);

/**
 * ARGV: T, now, token. Answers every origin's { [code, qty]..., [code, lines]..., [code, orders]... }:
 * the caller ranks them (O(origins) per call: a ranking index would cost every write more).
 */
export const LIST_STOCK_ORIGINS = script(/* lua */ `
purge_due(tonumber(ARGV[2]), ${PURGE_BEFORE_READ}, ARGV[3])
return { redis.call('HGETALL', P .. 'oq'), redis.call('HGETALL', P .. 'ol'), redis.call('HGETALL', P .. 'oo') }
`);

/** ARGV: T, artGuid, now, token. Answers [code, qty]... */
export const GET_ARTICLE = script(/* lua */ `
purge_due(tonumber(ARGV[3]), ${PURGE_BEFORE_READ}, ARGV[4])
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
 * (its change token is another). ARGV: T, (orderId, token)...
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
local function read(key)
  local r = redis.pcall('HGETALL', key)
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
  t.stored = read(P .. t[2])
  if t.stored then for c in pairs(t.stored) do addCode(c) end else note('wrongType', t[2], false, 'not a hash', 0) end
end

local zero = { q = 0, l = 0, o = 0 }
local fixTotals, fixOg, fixAr = {}, {}, {}
local arts, seenArt = {}, {}
local function addArt(a) if not seenArt[a] then seenArt[a] = true; arts[#arts + 1] = a end end
for _, a in ipairs(acc.keys) do addArt(acc.pairs[a].art) end
for i = 7 + nCodes, #ARGV do addArt(ARGV[i]) end

-- Compares one per-origin or per-article hash; answers whether it must be rewritten.
local function compare(figure, key, expected, code, art)
  local stored = read(key)
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
  local og = read(P .. 'og:' .. c)
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
      if v > 0 then redis.call('HSET', key, c, string.format('%d', v)) else redis.call('HDEL', key, c) end
    end
  end
  for _, c in ipairs(fixOg) do rewrite(P .. 'og:' .. c, byCode[c] or {}) end
  for _, a in ipairs(fixAr) do rewrite(P .. 'ar:' .. a, byArt[a] or {}) end
end
return { 'checked', count, driftCount, unreadable, drift }
`);

/**
 * Converts the figures of a build before this layout, where each generation's reserved quantity
 * per origin (G:oq) was a sorted set: the same figures, as a hash. Atomic per tenant; a tenant
 * already converted is left alone. ARGV: T, generation... Answers how many generations it converted.
 */
export const UPGRADE_ORIGIN_QTY = /* lua */ `
local converted = 0
for i = 2, #ARGV do
  local key = ARGV[1] .. ARGV[i] .. ':oq'
  if redis.call('TYPE', key).ok == 'zset' then
    local flat = redis.call('ZRANGE', key, 0, -1, 'WITHSCORES')
    redis.call('DEL', key)
    for j = 1, #flat, 2 do redis.call('HSET', key, flat[j], string.format('%d', tonumber(flat[j + 1]))) end
    converted = converted + 1
  end
end
return converted
`;

/** ARGV: T. Answers { units reserved across the tenant's origins, orders stored }. */
export const TENANT_TOTALS = script(/* lua */ `
local sum = 0
for _, qty in ipairs(redis.call('HVALS', P .. 'oq')) do sum = sum + (tonumber(qty) or 0) end
return { string.format('%d', sum), redis.call('HLEN', P .. 'o') }
`);
