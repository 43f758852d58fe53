--[[
  The reservation policy `if-available`: an order write is refused, with nothing changed, when for
  a tracked (origin, article) pair its lines would need more than is available there plus what
  this same order already reserves there. `stock` is the write's stock watch (watch-stock) over
  the pairs of `wanted`, in the same order (nil: none is tracked); available = onHand - the units
  reserved there (G:og:<code>). `wanted` lists the
  order's pairs { code, art, units, origin_articles = G:og:<code> }; `own` the units its stored
  version reserves per `code\0artGuid` (empty for a creation). A pair whose units do not grow
  always passes; an untracked pair is not checked.
  Answers the shortfalls, each as JSON ({"code":..,"artGuid":..,"requested":n,"available":n}), in
  the order of `wanted`: an empty list when there is none.
]]
local function stock_shortfalls(stock, wanted, own)
  local short = {}
  if not stock then return short end
  for i, p in ipairs(wanted) do
    local on_hand, mine = stock.on_hand[i], own[p.code .. '\0' .. p.art] or 0
    if on_hand and p.units > mine then
      local available = on_hand - (tonumber(redis.call('HGET', p.origin_articles, p.art)) or 0) + mine
      if p.units > available then
        short[#short + 1] = '{"code":' .. cjson.encode(p.code) .. ',"artGuid":' .. cjson.encode(p.art) ..
          ',"requested":' .. string.format('%d', p.units) .. ',"available":' .. string.format('%d', available) .. '}'
      end
    end
  end
  return short
end
