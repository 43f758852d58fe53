--[[
  The other half of `if-available`: a write is refused when it would take an origin past one of
  its capacity's limits (T cap: maxQty, maxLines, maxOrders). `origins` lists the order's origins
  { code, units, lines } in the order of its lines; `own` what its stored version holds per code
  { units, lines } (empty for a creation). The caller calls it when the tenant has capacities. A measure that does not grow always passes; the room
  for the order is the limit minus what the others hold there.
  Answers the shortfalls, each as JSON ({"code":..,"limit":"maxQty","requested":n,"available":n}),
  an empty list when there is none.
]]
--- @include "hmget-all"
--- @include "parse-capacity"
local function capacity_shortfalls(ctx, origins, own)
  local short = {}
  if #origins == 0 then return short end
  local codes = {}
  for i, o in ipairs(origins) do codes[i] = o.code end
  local caps = hmget_all(ctx.capacities, codes)
  local names = { 'maxQty', 'maxLines', 'maxOrders' }
  for i, o in ipairs(origins) do
    if caps[i] then
      local cap = parse_capacity(caps[i])
      local mine = own[o.code]
      local limits = { cap.maxQty, cap.maxLines, cap.maxOrders }
      local asked = { o.units, o.lines, 1 }
      local had = { mine and mine.units or 0, mine and mine.lines or 0, mine and 1 or 0 }
      local held = nil
      for k = 1, 3 do
        if limits[k] and asked[k] > had[k] then
          held = held or {
            tonumber(redis.call('HGET', ctx.origin_qty, o.code)) or 0,
            tonumber(redis.call('HGET', ctx.origin_lines, o.code)) or 0,
            tonumber(redis.call('HGET', ctx.origin_orders, o.code)) or 0,
          }
          local room = limits[k] - held[k] + had[k]
          if asked[k] > room then
            short[#short + 1] = '{"code":' .. cjson.encode(o.code) .. ',"limit":"' .. names[k] .. '","requested":' ..
              string.format('%d', asked[k]) .. ',"available":' .. string.format('%d', room) .. '}'
          end
        end
      end
    end
  end
  return short
end
