--[[
  Where each of some articles is reserved, in one call (the optimizer's batch query, and
  GET /articles/{artGuid}); with, for every origin in the answer, its totals and capacity, so
  the caller can tell each origin's saturation. Expired orders are purged first (at most ARGV[11]).

  An article's origins are those where it is reserved or tracked (a stock level, T stk): an origin
  with stock and nothing reserved comes with 0 units, and each origin with its level.

  Input:  KEYS[1..13] order-context (T stk the levels), then G:ar:<artGuid> of each article asked for;
          ARGV[1..10] order-context, ARGV[11] purge limit, ARGV[12] the tracked-origins key prefix
          (T stka:), ARGV[13] how many codes the answer is restricted to (0: all), then those codes,
          then the artGuids (in the order of their keys)
  Derived keys: those of the purged orders' lines (from P); T stka:<artGuid> of each article.
  Output: {{units at every origin, 'code\0units\0code\0units...', 'level\0level...' (each
          "onHand,asOfMs" or '') per article}, {code...},
          {units...}, {lines...}, {orders...}, {capacity or ''...}}, the last five over every
          origin in the answer. An article's origins come as one string ('\0' cannot be in a
          code): 100 articles × 50 origins are 100 strings to send and parse, not 10,000;
          {'moved', visible generation}
  Arity: KEYS 13+, ARGV 13+
]]
--- @include "check-generation"
--- @include "hmget-all"
--- @include "order-context"
--- @include "purge-due"
register('query_reservations', function(KEYS, ARGV)
  local moved = check_generation(KEYS, ARGV)
  if moved then return moved end
  local ctx = order_context(KEYS, ARGV)
  purge_due(ctx, tonumber(ARGV[11]))
  local n_wanted = tonumber(ARGV[13])
  local wanted = nil
  if n_wanted > 0 then
    wanted = {}
    for i = 14, 13 + n_wanted do wanted[ARGV[i]] = true end
  end
  local per_article, codes, seen, n_codes = {}, {}, {}, 0
  for k = 14, #KEYS do
    local art = ARGV[13 + n_wanted + k - 13]
    local flat = redis.call('HGETALL', KEYS[k])
    local total, kept, reserved_at = 0, {}, {}
    for i = 1, #flat, 2 do
      local code, units = flat[i], flat[i + 1]
      total = total + tonumber(units)
      reserved_at[code] = true
      if not wanted or wanted[code] then kept[#kept + 1] = code; kept[#kept + 1] = units end
    end
    -- Origins where the article is tracked and nothing is reserved: listed with 0 units.
    for _, code in ipairs(redis.call('SMEMBERS', ARGV[12] .. art)) do
      if not reserved_at[code] and (not wanted or wanted[code]) then kept[#kept + 1] = code; kept[#kept + 1] = '0' end
    end
    local fields, levels = {}, {}
    for i = 1, #kept, 2 do fields[#fields + 1] = kept[i] .. '\0' .. art end
    local found = hmget_all(ctx.stock, fields)
    for i = 1, #fields do levels[i] = found[i] or '' end
    for i = 1, #kept, 2 do
      local code = kept[i]
      if not seen[code] then seen[code] = true; n_codes = n_codes + 1; codes[n_codes] = code end
    end
    per_article[k - 13] = { string.format('%d', total), table.concat(kept, '\0'), table.concat(levels, '\0') }
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
