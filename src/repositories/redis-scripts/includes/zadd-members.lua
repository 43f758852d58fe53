--[[
  The order indexes and the tenant's counters, kept by every script that writes orders, in the
  same step as the orders themselves (so reconcile can check them and restore rebuilds them):

  G:i   one sorted set, every score 0, read in lexical order (ZRANGEBYLEX, ZLEXCOUNT); <id> is
        the orderId's 16 bytes (guid-bytes.lua: 36 characters of text would be more than twice
        the size), which order like its text:
          t<T>\0<id>                 the order's type by its initial: C(art), E(xternalOrder), O(rder)
          c<code>\0<id>              each stock origin it has a line at
          u<lastUpdated>\0<id>       when it was last updated
          x<expiresAt>\0<id>         when it expires, if it does: the expiry sweeper's queue
        Dates are ISO-8601 UTC of 24 characters (YYYY-MM-DDTHH:mm:ss.sssZ), which order like time.
        Codes hold no control character, so '\0' ends every value; the id is the last 16 bytes.
        Readers see entries as text (index-entry-text.lua). Until issue 20 the index was G:ix, with
        the type's name and GUIDs as text (migrations/compact-order-index.lua converts it).
  G:ai:<artGuid>  per article, a sorted set of the 16-byte ids of the orders with a line of it
        (every score 0: read in lexical order, which is the ids' order). Most articles have few
        orders, so the set stays a listpack (up to zset-max-listpack-entries, 128 by default):
        ~20 bytes per order where an entry of G:i costs ~150 (bench/NOTES.md). Cursors and
        reconcile still show them as entries a<artGuid>\0<id> of the index (index-entry-text.lua).
        Until issue 20 they were such entries of G:i (migrations/article-indexes.lua moves them).
  G:n   hash of counters: articles (articles with a reservation, kept by move-article-origin). The
        orders of each type are counted in G:i, the lines and units summed over the origins'
        figures (tenant-summary.lua): counters of them would cost every write three HINCRBYs.
        Builds before 2026-12-08 kept them here (migrations/retire-counters.ts drops them).
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
