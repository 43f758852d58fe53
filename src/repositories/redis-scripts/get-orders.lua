--[[
  Reads several orders (what a sync writes to the archive).

  Input:  KEYS[1] T gen, KEYS[2] G:o; ARGV[1] G, ARGV[2] now (ISO), ARGV[3..] orderIds
  Output: per orderId its stored form (compact JSON: includes/decode-stored.lua), or nil when
          there is none or it has expired; {'moved', visible generation}
  Arity: KEYS 2, ARGV 2+
]]
--- @include "check-generation"
--- @include "stored-expired"
register('get_orders', function(KEYS, ARGV)
  local moved = check_generation(KEYS, ARGV)
  if moved then return moved end
  local now_iso = ARGV[2]
  local out = {}
  for i = 3, #ARGV do
    local json = redis.call('HGET', KEYS[2], ARGV[i])
    if json and not stored_expired(json, now_iso) then out[i - 2] = json else out[i - 2] = false end
  end
  return out
end)
