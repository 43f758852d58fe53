--[[
  Where each of some articles is reserved, in one call (the optimizer's batch query, and
  GET /articles/{artGuid}); with, for every origin in the answer, its totals and capacity, so
  the caller can tell each origin's saturation. Expired orders are purged first (at most ARGV[11]).

  Input:  KEYS[1..12] order-context, then G:ar:<artGuid> of each article asked for;
          ARGV[1..10] order-context, ARGV[11] purge limit, ARGV[12] how many codes the answer is
          restricted to (0: all), then those codes
  Derived keys: those of the purged orders' lines (from P).
  Output: {{units at every origin, 'code\0units\0code\0units...' per article}, {code...},
          {units...}, {lines...}, {orders...}, {capacity or ''...}}, the last five over every
          origin in the answer. An article's origins come as one string ('\0' cannot be in a
          code): 100 articles × 50 origins are 100 strings to send and parse, not 10,000;
          {'moved', visible generation}
  Arity: KEYS 12+, ARGV 12+
]]
--- @include "check-generation"
--- @include "order-context"
--- @include "purge-due"
register('query_reservations', function(KEYS, ARGV)
  local moved = check_generation(KEYS, ARGV)
  if moved then return moved end
  local ctx = order_context(KEYS, ARGV)
  purge_due(ctx, tonumber(ARGV[11]))
  local wanted = nil
  if tonumber(ARGV[12]) > 0 then
    wanted = {}
    for i = 13, 12 + tonumber(ARGV[12]) do wanted[ARGV[i]] = true end
  end
  local per_article, codes, seen, n_codes = {}, {}, {}, 0
  for k = 13, #KEYS do
    local flat = redis.call('HGETALL', KEYS[k])
    local total, kept, n = 0, flat, 0
    if wanted then kept = {} end
    for i = 1, #flat, 2 do
      local code, units = flat[i], flat[i + 1]
      total = total + tonumber(units)
      if not wanted or wanted[code] then
        if wanted then kept[n + 1], kept[n + 2], n = code, units, n + 2 end
        if not seen[code] then seen[code] = true; n_codes = n_codes + 1; codes[n_codes] = code end
      end
    end
    per_article[k - 12] = { string.format('%d', total), table.concat(kept, '\0') }
  end
  if #codes == 0 then return { per_article, {}, {}, {}, {}, {} } end
  local q, l, o, c = {}, {}, {}, {}
  for from = 1, #codes, 1000 do
    local to = math.min(#codes, from + 999)
    local part_q = redis.call('HMGET', ctx.origin_qty, unpack(codes, from, to))
    local part_l = redis.call('HMGET', ctx.origin_lines, unpack(codes, from, to))
    local part_o = redis.call('HMGET', ctx.origin_orders, unpack(codes, from, to))
    local part_c = redis.call('HMGET', ctx.capacities, unpack(codes, from, to))
    for i = 1, to - from + 1 do
      q[#q + 1], l[#l + 1], o[#o + 1] = part_q[i] or '0', part_l[i] or '0', part_o[i] or '0'
      c[#c + 1] = part_c[i] or ''
    end
  end
  return { per_article, codes, q, l, o, c }
end)
