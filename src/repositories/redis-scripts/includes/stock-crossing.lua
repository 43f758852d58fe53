--[[
  A tracked pair's available units (onHand - reserved) crossing 0: `stock.out` when they fall to 0
  or below, `stock.back` when they rise above 0 again. nil stands for an untracked pair (no limit),
  so tracking a pair with nothing available is a stock.out and untracking one a stock.back.
  `on_hand` is the level after (nil: untracked now), `reserved` the units reserved after.
]]
--- @include "emit"
local function stock_crossing(ctx, code, art, before, after, on_hand, reserved)
  local was_out, is_out = before ~= nil and before <= 0, after ~= nil and after <= 0
  if was_out == is_out then return end
  local function number(n) return n == nil and 'null' or string.format('%d', n) end
  emit(ctx, is_out and 'stock.out' or 'stock.back', '{"code":' .. cjson.encode(code) .. ',"artGuid":' .. cjson.encode(art) ..
    ',"onHand":' .. number(on_hand) .. ',"reservedQty":' .. number(reserved) .. ',"available":' .. number(after) ..
    ',"previousAvailable":' .. number(before) .. '}')
end
