--[[
  The order indexes and the tenant's counters, kept by every script that writes orders, in the
  same step as the orders themselves (so reconcile can check them and restore rebuilds them):

  G:ix  one sorted set, every score 0, read in lexical order (ZRANGEBYLEX, ZLEXCOUNT):
          t<type>\0<orderId>          the order's type (Order, Cart, ExternalOrder)
          c<code>\0<orderId>          each stock origin it has a line at
          a<artGuid>\0<orderId>       each article it has a line of
          u<lastUpdated>\0<orderId>   when it was last updated
          x<expiresAt>\0<orderId>     when it expires, if it does: the expiry sweeper's queue
        Dates are ISO-8601 UTC of 24 characters (YYYY-MM-DDTHH:mm:ss.sssZ), which order like time.
        Codes hold no control character, so '\0' ends every value.
  G:n   hash of counters: Order, Cart, ExternalOrder (orders of each type), lines and units (over
        all orders), articles (articles with a reservation, kept by hincr-or-drop).
]]

-- ZADD/ZREM of many members, in calls of at most 1000 (Lua's unpack has a limit). Scores go as
-- the text '0': Redis would format a Lua number as a float, which costs more than the ZADD.
local function zadd_members(key, members)
  for from = 1, #members, 1000 do
    local args = {}
    for i = from, math.min(#members, from + 999) do args[#args + 1] = '0'; args[#args + 1] = members[i] end
    redis.call('ZADD', key, unpack(args))
  end
end
local function zrem_members(key, members)
  for from = 1, #members, 1000 do redis.call('ZREM', key, unpack(members, from, math.min(#members, from + 999))) end
end

-- An order's index entries (decoded as `order`).
local function index_members(id, order)
  local members = { 't' .. order.type .. '\0' .. id, 'u' .. order.lastUpdated .. '\0' .. id }
  if order.expiresAt then members[3] = 'x' .. order.expiresAt .. '\0' .. id end
  local seen = {}
  for _, l in ipairs(order.lines) do
    if not seen[l.code] then
      seen[l.code] = true
      members[#members + 1] = 'c' .. l.code .. '\0' .. id
    end
    -- '\1' keeps an article apart from a code spelled the same (codes have no control character).
    if not seen['\1' .. l.artGuid] then
      seen['\1' .. l.artGuid] = true
      members[#members + 1] = 'a' .. l.artGuid .. '\0' .. id
    end
  end
  return members
end

-- The expiry entries at or before `now_iso`, soonest first, at most `limit`; an entry's order
-- id is string.sub(entry, 27) ('x', 24 characters of date, '\0').
local function due_entries(index, now_iso, limit)
  return redis.call('ZRANGEBYLEX', index, '[x', '(x' .. now_iso .. '\1', 'LIMIT', 0, limit)
end

-- Adds sign (1 or -1) times an order to the counters.
local function count_order(counters, order, sign)
  local units = 0
  for _, l in ipairs(order.lines) do units = units + l.qty end
  hincr_or_drop(counters, order.type, sign)
  hincr_or_drop(counters, 'lines', sign * #order.lines)
  hincr_or_drop(counters, 'units', sign * units)
end

-- Takes a stored order out of the indexes and counters (put in: index_order).
local function unindex_order(index, counters, id, order)
  zrem_members(index, index_members(id, order))
  count_order(counters, order, -1)
end

local function index_order(index, counters, id, order)
  zadd_members(index, index_members(id, order))
  count_order(counters, order, 1)
end
