--- @include "emit"
--- @include "json-number"
-- One event per threshold crossed between saturations s0 and s1 (in the order they are crossed).
local function emit_crossings(ctx, code, thresholds, s0, s1, figures, cap)
  if s0 == nil or s1 == nil or s0 == s1 then return end
  local first, last, step = 1, #thresholds, 1
  if s1 < s0 then first, last, step = #thresholds, 1, -1 end
  for i = first, last, step do
    local t = thresholds[i]
    local direction = nil
    if s0 < t and s1 >= t then direction = 'up' elseif s1 < t and s0 >= t then direction = 'down' end
    if direction then
      emit(ctx, 'stock_origin.saturation', '{"code":' .. cjson.encode(code) .. ',"direction":"' .. direction ..
        '","threshold":' .. json_number(t) .. ',"saturation":' .. json_number(s1) .. ',"previousSaturation":' .. json_number(s0) ..
        ',"reservedQty":' .. figures[1] .. ',"lineCount":' .. figures[2] .. ',"orderCount":' .. figures[3] ..
        ',"capacity":{"maxQty":' .. json_number(cap.maxQty) .. ',"maxLines":' .. json_number(cap.maxLines) ..
        ',"maxOrders":' .. json_number(cap.maxOrders) .. '}}')
    end
  end
end
