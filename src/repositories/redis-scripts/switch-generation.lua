--[[
  Makes a staged generation S the visible one, in one step: readers see the old set or the new.

  Input:  KEYS[1] T gen, KEYS[2] G:o (visible), KEYS[3] S:o (staged), KEYS[4] T gc, KEYS[5] T synced,
          KEYS[6] T events, KEYS[7] T idem:<key> (or T idem: when the request has none),
          KEYS[8] T cap, KEYS[9..11] G:oq, G:ol, G:oo, KEYS[12..14] S:oq, S:ol, S:oo, KEYS[15] T thr
          ARGV[1] G, the generation expected visible, ARGV[2] S, ARGV[3] how many of S's orders G
          has too, ARGV[4] the tenant id, ARGV[5] the most events kept, ARGV[6..8] the
          idempotency record's time to live (or ''), the request's fingerprint and id
  Output: {'switched', orders in S, orders G had that S lacks}; {'moved', visible generation} when another
          replacement switched first (nothing done: the caller discards S)
  Events: orders.replaced {orderCount, removedCount}: one for the whole set; then
          stock_origin.saturation for each threshold an origin with a capacity crosses from G's
          figures to S's (O(origins with a capacity)).

  G is queued for deletion (gc), and the tenant loses its `synced` mark, so that the next sync is
  a full one should the archive write of this replacement be interrupted.
  Arity: KEYS 15, ARGV 8
]]
--- @include "check-generation"
--- @include "emit"
--- @include "emit-crossings"
--- @include "finish"
--- @include "origin-figures"
--- @include "parse-capacity"
--- @include "parse-thresholds"
--- @include "saturation-of"
register('switch_generation', function(KEYS, ARGV)
  local moved = check_generation(KEYS, ARGV)
  if moved then return moved end
  local ctx = {}
  ctx.events, ctx.idempotency = KEYS[6], KEYS[7]
  ctx.tenant, ctx.events_max = ARGV[4], ARGV[5]
  ctx.idempotency_ttl, ctx.fingerprint, ctx.request_id = ARGV[6], ARGV[7], ARGV[8]
  local old_count = redis.call('HLEN', KEYS[2])
  local new_count = redis.call('HLEN', KEYS[3])
  redis.call('SET', KEYS[1], ARGV[2])
  redis.call('RPUSH', KEYS[4], ARGV[1])
  redis.call('DEL', KEYS[5])
  local removed = math.max(0, old_count - tonumber(ARGV[3]))
  emit(ctx, 'orders.replaced', '{"orderCount":' .. new_count .. ',"removedCount":' .. removed .. '}')

  local flat = redis.call('HGETALL', KEYS[8])
  local codes, capacities = {}, {}
  for i = 1, #flat, 2 do
    codes[#codes + 1] = flat[i]
    capacities[#codes] = parse_capacity(flat[i + 1])
  end
  local thresholds = #codes > 0 and parse_thresholds(redis.call('GET', KEYS[15])) or {}
  for from = 1, #codes, 1000 do
    local part = { unpack(codes, from, math.min(#codes, from + 999)) }
    local before = origin_figures(ctx, part, { KEYS[9], KEYS[10], KEYS[11] })
    local after = origin_figures(ctx, part, { KEYS[12], KEYS[13], KEYS[14] })
    for i, code in ipairs(part) do
      local cap, b, a = capacities[from + i - 1], before[i], after[i]
      emit_crossings(ctx, code, thresholds, saturation_of(cap, b[1], b[2], b[3]), saturation_of(cap, a[1], a[2], a[3]), a, cap)
    end
  end
  return finish(ctx, { 'switched', new_count, removed })
end)
