--[[
  Writes archived orders back after Redis lost them (restore), skipping any order Redis holds in
  a newer or equal state or has a pending change of: a write or delete made since the loss is
  newer than the archive.

  Input:
    KEYS[1..7]  order-keys
    KEYS[8..]   G:og:<code> for each code of the archived orders, then G:ar:<artGuid> for each article
    ARGV[1..2]  order-keys, ARGV[3] now (ms), ARGV[4] how many orders, ARGV[5] how many codes,
    ARGV[6] how many articles, then the codes, the articles (includes/argv-orders), and per order:
      orderId, stored JSON, lastUpdated, expiresAt in ms or '', line count, lines
  Derived keys: the figure keys of an older version Redis holds (from P).
  Output: {how many orders were written}; {'moved', visible generation}
]]
--- @include "order-keys"
--- @include "figures"
--- @include "argv-orders"
local now = tonumber(ARGV[3])
local n_orders, n_codes, n_articles = tonumber(ARGV[4]), tonumber(ARGV[5]), tonumber(ARGV[6])
local codes = argv_names(7, n_codes)
local articles = argv_names(7 + n_codes, n_articles)

local f = new_figures()
local written = 0
local at = 7 + n_codes + n_articles
for _ = 1, n_orders do
  local id, json, updated, expires_ms, n_lines = ARGV[at], ARGV[at + 1], ARGV[at + 2], ARGV[at + 3], tonumber(ARGV[at + 4])
  local live = expires_ms == '' or tonumber(expires_ms) > now
  if live and redis.call('HEXISTS', CHANGES, id) == 0 then
    local stored = redis.call('HGET', ORDERS, id)
    local take = true
    if stored then
      local old = cjson.decode(stored)
      if old.lastUpdated >= updated then take = false else add_order_lines(f, old.lines, -1) end
    end
    if take then
      add_order_lines(f, argv_lines(at + 5, n_lines, codes, articles), 1)
      redis.call('HSET', ORDERS, id, json)
      if expires_ms ~= '' then redis.call('ZADD', EXPIRIES, expires_ms, id) else redis.call('ZREM', EXPIRIES, id) end
      written = written + 1
    end
  end
  at = at + 5 + 3 * n_lines
end
apply_figures(f, P, ORIGIN_QTY, ORIGIN_LINES, ORIGIN_ORDERS)
return { written }
