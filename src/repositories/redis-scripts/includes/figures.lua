--[[
  The reservation figures of a set of order lines, as deltas to add to a generation's figures:

    origins[code] = { qty = units, lines = lines, orders = orders with a line there }
    pairs[code .. '\0' .. artGuid] = { code =, art =, qty = units of that article there }

  `codes` and `pair_keys` list them in first-seen order, so applying them is deterministic.
  The figures of a generation with key prefix p are:
    p..'oq' / p..'ol' / p..'oo'   code -> qty / lines / orders        (per origin)
    p..'og:'..code                artGuid -> qty                       (an origin's articles)
    p..'ar:'..artGuid             code -> qty                          (an article's origins)
    p..'n'                        the counters (includes/order-index.lua), of which `articles`
                                  moves here, as articles' keys appear and vanish
]]
--- @include "hincr-or-drop"

local function new_figures()
  return { origins = {}, codes = {}, pairs = {}, pair_keys = {} }
end

-- Adds sign (1 or -1) times the figures of one order's lines.
local function add_order_lines(f, lines, sign)
  local counted = {}
  for _, l in ipairs(lines) do
    local origin = f.origins[l.code]
    if not origin then
      origin = { qty = 0, lines = 0, orders = 0 }
      f.origins[l.code] = origin
      f.codes[#f.codes + 1] = l.code
    end
    origin.qty = origin.qty + sign * l.qty
    origin.lines = origin.lines + sign
    if not counted[l.code] then counted[l.code] = true; origin.orders = origin.orders + sign end
    local key = l.code .. '\0' .. l.artGuid
    local pair = f.pairs[key]
    if not pair then
      pair = { code = l.code, art = l.artGuid, qty = 0 }
      f.pairs[key] = pair
      f.pair_keys[#f.pair_keys + 1] = key
    end
    pair.qty = pair.qty + sign * l.qty
  end
end

-- Adds the figures to those of the generation with key prefix p.
local function apply_figures(f, p)
  local counters = p .. 'n'
  for _, key in ipairs(f.pair_keys) do
    local pair = f.pairs[key]
    if pair.qty ~= 0 then
      hincr_or_drop(p .. 'og:' .. pair.code, pair.art, pair.qty)
      move_article_origin(p .. 'ar:' .. pair.art, pair.code, pair.qty, counters)
    end
  end
  for _, code in ipairs(f.codes) do
    local origin = f.origins[code]
    hincr_or_drop(p .. 'oq', code, origin.qty)
    hincr_or_drop(p .. 'ol', code, origin.lines)
    hincr_or_drop(p .. 'oo', code, origin.orders)
  end
end
