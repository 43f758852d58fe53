-- {units, lines, orders} of each code, as the figures say now: those of the order keys, or of the
-- generation whose G:oq, G:ol, G:oo are `keys`.
local function origin_figures(ctx, codes, keys)
  keys = keys or { ctx.origin_qty, ctx.origin_lines, ctx.origin_orders }
  local q = redis.call('HMGET', keys[1], unpack(codes))
  local l = redis.call('HMGET', keys[2], unpack(codes))
  local o = redis.call('HMGET', keys[3], unpack(codes))
  local out = {}
  for i = 1, #codes do out[i] = { tonumber(q[i]) or 0, tonumber(l[i]) or 0, tonumber(o[i]) or 0 } end
  return out
end
