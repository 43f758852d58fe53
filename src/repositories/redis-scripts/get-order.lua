--[[
  Reads one order: the hot read.

  Input:  KEYS[1] T gen, KEYS[2] G:o; ARGV[1] G, ARGV[2] orderId, ARGV[3] now (ISO)
  Output: the stored form (compact JSON: includes/decode-stored.lua); nil when there is none or it
          has expired; {'moved', visible generation}
  Arity: KEYS 2, ARGV 3
]]
--- @include "check-generation"
--- @include "stored-expired"
register('get_order', function(KEYS, ARGV)
  local moved = check_generation(KEYS, ARGV)
  if moved then return moved end
  local json = redis.call('HGET', KEYS[2], ARGV[2])
  if not json or stored_expired(json, ARGV[3]) then return false end
  return json
end)
