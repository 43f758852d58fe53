--[[
  The reservation figures of a set of order lines, as deltas to add to a generation's figures:

    origins[code] = { qty = units, lines = lines, orders = orders with a line there }
    pairs[code .. '\0' .. artGuid] = { code =, art =, qty = units of that article there }

  `codes` and `pair_keys` list them in first-seen order, so applying them is deterministic.
  The figures of a generation with key prefix p are:
    p..'oq' / p..'ol' / p..'oo'   code -> qty / lines / orders        (per origin)
    p..'og:'..code                artGuid -> qty                       (an origin's articles)
    p..'ar:'..artGuid             code -> qty                          (an article's origins)
    p..'n'                        its counter `articles` (includes/zadd-members.lua) moves here,
                                  as articles' keys appear and vanish
]]
local function new_figures()
  return { origins = {}, codes = {}, pairs = {}, pair_keys = {} }
end
