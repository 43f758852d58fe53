--[[
  Stages a chunk of a replacement order set (PUT /orders) into generation S, which nobody reads
  until switch-generation makes it visible.

  Input:
    KEYS[1]      G:o of the visible generation (to count the orders that already exist)
    KEYS[2..6]   S:o, S:x, S:oq, S:ol, S:oo
    KEYS[7..]    S:og:<code> for each code of the chunk, then S:ar:<artGuid> for each article
    ARGV[1] S's key prefix (the names of KEYS[7..] are built from it)   ARGV[2] now (ms)
    ARGV[3] how many orders   ARGV[4] how many codes   ARGV[5] how many articles
    then the codes, the articles (includes/argv-orders), and per order:
      orderId, stored JSON, expiresAt in ms or '', line count, lines
  Output: how many of these orders exist in the visible generation.

  An order already expired is left out: it reserves nothing. S's figures are those of what was
  staged in it, so once visible they keep the invariant of includes/figures.lua.
]]
--- @include "figures"
--- @include "argv-orders"
local VISIBLE_ORDERS = KEYS[1]
local ORDERS, EXPIRIES = KEYS[2], KEYS[3]
local S, now = ARGV[1], tonumber(ARGV[2])
local n_orders, n_codes, n_articles = tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5])
local codes = argv_names(6, n_codes)
local articles = argv_names(6 + n_codes, n_articles)

local f = new_figures()
local existing = 0
local at = 6 + n_codes + n_articles
for _ = 1, n_orders do
  local id, json, expires_ms, n_lines = ARGV[at], ARGV[at + 1], ARGV[at + 2], tonumber(ARGV[at + 3])
  if redis.call('HEXISTS', VISIBLE_ORDERS, id) == 1 then existing = existing + 1 end
  if expires_ms == '' or tonumber(expires_ms) > now then
    add_order_lines(f, argv_lines(at + 4, n_lines, codes, articles), 1)
    redis.call('HSET', ORDERS, id, json)
    if expires_ms ~= '' then redis.call('ZADD', EXPIRIES, expires_ms, id) end
  end
  at = at + 4 + 3 * n_lines
end
apply_figures(f, S, KEYS[4], KEYS[5], KEYS[6])
return existing
