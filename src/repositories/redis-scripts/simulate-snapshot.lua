--[[
  What-if plans read one consistent state, writing nothing: for the plans' origins and pairs (and
  those of the orders they would replace) the figures, capacities, levels and thresholds an order
  write would see now. The plans themselves are judged by the service (domain/simulate.ts), from
  this snapshot alone.

  Input:  KEYS[1..13] order-context (T stk the levels);
          ARGV[1..10] order-context, ARGV[11] how many orderIds, ARGV[12] how many codes,
          then the orderIds (of plans that replace an order), the codes, then the pairs as
          code, artGuid
  Derived keys: G:og:<code> of each pair (from P).
  Output: {thresholds (T thr) or '',
           {orderId, stored form (compact JSON: includes/decode-stored.lua) or '' (absent or expired), ...},
           {code, units, lines, orders, capacity or '', ...} for the codes asked and those of the stored orders,
           {code, artGuid, units reserved, level "onHand,asOfMs" or '', ...} likewise for pairs}
          | {'moved', visible generation}
  Arity: KEYS 13, ARGV 12+
]]
--- @include "check-generation"
--- @include "decode-stored"
--- @include "order-context"
--- @include "order-expired"
register('simulate_snapshot', function(KEYS, ARGV)
  local moved = check_generation(KEYS, ARGV)
  if moved then return moved end
  local ctx = order_context(KEYS, ARGV)
  local n_ids, n_codes = tonumber(ARGV[11]), tonumber(ARGV[12])
  local codes, code_seen, pairs_list, pair_seen = {}, {}, {}, {}
  local function add_code(code)
    if not code_seen[code] then code_seen[code] = true; codes[#codes + 1] = code end
  end
  local function add_pair(code, art)
    local field = code .. '\0' .. art
    if not pair_seen[field] then pair_seen[field] = true; pairs_list[#pairs_list + 1] = { code, art } end
  end
  local stored = {}
  for i = 1, n_ids do
    local id = ARGV[12 + i]
    local json = redis.call('HGET', ctx.orders, id)
    if json then
      local order = decode_stored(json)
      if order_expired(order, ctx.now_iso) then json = nil else
        for _, l in ipairs(order.lines) do add_code(l.code); add_pair(l.code, l.artGuid) end
      end
    end
    stored[#stored + 1] = id
    stored[#stored + 1] = json or ''
  end
  for i = 1, n_codes do add_code(ARGV[12 + n_ids + i]) end
  for i = 13 + n_ids + n_codes, #ARGV, 2 do add_pair(ARGV[i], ARGV[i + 1]) end

  local origins = {}
  for _, code in ipairs(codes) do
    origins[#origins + 1] = code
    origins[#origins + 1] = redis.call('HGET', ctx.origin_qty, code) or '0'
    origins[#origins + 1] = redis.call('HGET', ctx.origin_lines, code) or '0'
    origins[#origins + 1] = redis.call('HGET', ctx.origin_orders, code) or '0'
    origins[#origins + 1] = redis.call('HGET', ctx.capacities, code) or ''
  end
  local pairs_out = {}
  for _, p in ipairs(pairs_list) do
    pairs_out[#pairs_out + 1] = p[1]
    pairs_out[#pairs_out + 1] = p[2]
    pairs_out[#pairs_out + 1] = redis.call('HGET', ctx.p .. 'og:' .. p[1], p[2]) or '0'
    pairs_out[#pairs_out + 1] = redis.call('HGET', ctx.stock, p[1] .. '\0' .. p[2]) or ''
  end
  return { redis.call('GET', ctx.thresholds) or '', stored, origins, pairs_out }
end)
