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
