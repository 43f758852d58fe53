-- Tells a stock watch (watch-stock) that pair i's reserved units moved by `delta` to `reserved`
-- (what HINCRBY answered).
local function stock_moved(watch, i, delta, reserved)
  if not (watch and watch.on_hand[i]) or delta == 0 then return end
  local m = watch.moved[i]
  if m then m[2] = reserved else watch.moved[i] = { reserved - delta, reserved } end
end
