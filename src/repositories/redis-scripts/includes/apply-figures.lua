--- @include "hincr-or-drop"
--- @include "move-article-origin"
--- @include "stock-moved"
-- Adds the figures to those of the generation with key prefix p. `watch` (or nil) is a stock
-- watch (watch-stock) over f.pair_keys, told of each pair's move.
local function apply_figures(f, p, watch)
  local counters = p .. 'n'
  for i, key in ipairs(f.pair_keys) do
    local pair = f.pairs[key]
    if pair.qty ~= 0 then
      stock_moved(watch, i, pair.qty, hincr_or_drop(p .. 'og:' .. pair.code, pair.art, pair.qty))
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
