--[[
  The reservation policy `if-available`: an order write is refused, with nothing changed, when for
  a tracked (origin, article) pair its lines would need more than is available there plus what
  this same order already reserves there. `stock` is T stk: per tracked pair (`code\0artGuid`)
  "onHand,asOfMs"; available = onHand - the units reserved there (G:og:<code>). `wanted` lists the
  order's pairs { code, art, units, origin_articles = G:og:<code> }; `own` the units its stored
  version reserves per `code\0artGuid` (empty for a creation). A pair whose units do not grow
  always passes; an untracked pair is not checked.
  Answers the shortfalls, each as JSON ({"code":..,"artGuid":..,"requested":n,"available":n}), in
  the order of `wanted`: an empty list when there is none.
]]
--- @include "hmget-all"
local function stock_shortfalls(stock, wanted, own)
  local fields = {}
  for i, p in ipairs(wanted) do fields[i] = p.code .. '\0' .. p.art end
  local levels = hmget_all(stock, fields)
  local short = {}
  for i, p in ipairs(wanted) do
    local level, mine = levels[i], own[fields[i]] or 0
    if level and p.units > mine then
      local on_hand = tonumber(string.match(level, '^(%d+)'))
      local available = on_hand - (tonumber(redis.call('HGET', p.origin_articles, p.art)) or 0) + mine
      if p.units > available then
        short[#short + 1] = '{"code":' .. cjson.encode(p.code) .. ',"artGuid":' .. cjson.encode(p.art) ..
          ',"requested":' .. string.format('%d', p.units) .. ',"available":' .. string.format('%d', available) .. '}'
      end
    end
  end
  return short
end
