--[[
  Creates or redefines one order, with its reservation figures, in one step: the hot write.

  Input:
    KEYS[1..7]   order-keys (T gen, G:o, G:x, G:oq, G:ol, G:oo, T dirty)
    KEYS[8..]    per (origin, article) pair of the new order: G:og:<code>, G:ar:<artGuid>
    ARGV[1..2]   order-keys (G, P)
    ARGV[3]      orderId            ARGV[4]  the order's stored JSON
    ARGV[5]      lastUpdated (ISO)  ARGV[6]  expiresAt in ms, or ''    ARGV[7]  expiresAt (ISO), or ''
    ARGV[8]      now (ms)           ARGV[9]  now (ISO)                 ARGV[10] change token
    ARGV[11]     how many origins   ARGV[12] how many (origin, article) pairs the new order has
    then per origin  code, units, lines       (summed by the caller)
    then per pair    code, artGuid, units
    An order already expired on arrival is passed with no figures: it reserves nothing and only
    removes what was stored.
  Derived keys: the og/ar keys of origins and articles only the stored version has (from P).

  Output: {'created'} | {'redefined'} | {'stale', stored lastUpdated} | {'moved', visible generation}
  A stored order that has expired but is not yet purged is replaced as if absent ('created').

  Invariant: G's figures equal what its stored orders add up to (includes/figures.lua). Every
  Lua operation costs Redis time here, so this script is written for it: creating an order is one
  HINCRBY per figure straight from the arguments; a redefinition sums the change of each figure
  (new minus stored) in flat arrays numbered like the arguments, then applies it.
]]
--- @include "order-keys"
--- @include "hincr-or-drop"

local id, json, last_updated = ARGV[3], ARGV[4], ARGV[5]
local expires_ms, expires_iso = ARGV[6], ARGV[7]
local now, now_iso, token = tonumber(ARGV[8]), ARGV[9], ARGV[10]
local n_origins, n_pairs = tonumber(ARGV[11]), tonumber(ARGV[12])
local ORIGIN_ARGS = 13                          -- origin j: ARGV[ORIGIN_ARGS + 3(j-1)] code, +1 units, +2 lines
local PAIR_ARGS = ORIGIN_ARGS + 3 * n_origins   -- pair i:   ARGV[PAIR_ARGS + 3(i-1)] code, +1 artGuid, +2 units
local PAIR_KEYS = 8                             -- pair i:   KEYS[PAIR_KEYS + 2(i-1)] G:og:<code>, +1 G:ar:<artGuid>
-- Above this many lines (stored and new), stored lines are matched through an index, not by scanning.
local SCAN_LIMIT = 24

local stored = redis.call('HGET', ORDERS, id)
local outcome, stored_expiry = 'created', nil
if not stored then
  -- Creation: every figure only grows, straight from the caller's sums.
  for j = 1, n_origins do
    local a = ORIGIN_ARGS + 3 * (j - 1)
    redis.call('HINCRBY', ORIGIN_QTY, ARGV[a], ARGV[a + 1])
    redis.call('HINCRBY', ORIGIN_LINES, ARGV[a], ARGV[a + 2])
    redis.call('HINCRBY', ORIGIN_ORDERS, ARGV[a], 1)
  end
  for i = 1, n_pairs do
    local a, k = PAIR_ARGS + 3 * (i - 1), PAIR_KEYS + 2 * (i - 1)
    redis.call('HINCRBY', KEYS[k], ARGV[a + 1], ARGV[a + 2])
    redis.call('HINCRBY', KEYS[k + 1], ARGV[a], ARGV[a + 2])
  end
else
  local old = cjson.decode(stored)
  if not (old.expiresAt and old.expiresAt <= now_iso) then
    if old.lastUpdated > last_updated then return { 'stale', old.lastUpdated } end
    outcome = 'redefined'
  end
  stored_expiry = old.expiresAt

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
  local order_taken_off = {}   -- origins where the stored order's count was taken off
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
    if not order_taken_off[j] then order_taken_off[j] = true; d_orders[j] = d_orders[j] - 1 end
    if not i then
      i = #pair_code + 1
      pair_code[i], pair_art[i], d_pair_units[i] = code, art, 0
      if pair_number then pair_number[code .. '\0' .. art] = i end
    end
    d_pair_units[i] = d_pair_units[i] - l.qty
  end

  for j = 1, #origin_code do
    hincr_or_drop(ORIGIN_QTY, origin_code[j], d_units[j])
    hincr_or_drop(ORIGIN_LINES, origin_code[j], d_lines[j])
    hincr_or_drop(ORIGIN_ORDERS, origin_code[j], d_orders[j])
  end
  for i = 1, #pair_code do
    local d = d_pair_units[i]
    if d ~= 0 then
      local origin_articles, article_origins
      if i <= n_pairs then
        local k = PAIR_KEYS + 2 * (i - 1)
        origin_articles, article_origins = KEYS[k], KEYS[k + 1]
      else
        origin_articles, article_origins = P .. 'og:' .. pair_code[i], P .. 'ar:' .. pair_art[i]
      end
      hincr_or_drop(origin_articles, pair_art[i], d)
      hincr_or_drop(article_origins, pair_code[i], d)
    end
  end
end

if expires_ms ~= '' and tonumber(expires_ms) <= now then
  if stored then
    redis.call('HDEL', ORDERS, id)
    if stored_expiry then redis.call('ZREM', EXPIRIES, id) end
    redis.call('HSET', CHANGES, id, token)
  end
  return { outcome }
end
redis.call('HSET', ORDERS, id, json)
if expires_ms ~= '' then
  -- An unchanged expiry keeps its entry (no ZADD): most redefinitions repeat it.
  if stored_expiry ~= expires_iso then redis.call('ZADD', EXPIRIES, expires_ms, id) end
elseif stored_expiry then
  redis.call('ZREM', EXPIRIES, id)
end
redis.call('HSET', CHANGES, id, token)
return { outcome }
