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
