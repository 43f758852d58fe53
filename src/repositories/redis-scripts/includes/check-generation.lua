-- KEYS[1] is the tenant's visible-generation pointer (T gen, absent = '0'), ARGV[1] the generation
-- whose keys the caller passed. If another generation is visible now (PUT /orders switched it),
-- the script must do nothing and answer {'moved', visible}: the caller calls again with its keys.
-- Answers that reply, or nil when the caller's generation is the visible one.
local function check_generation(KEYS, ARGV)
  local visible = redis.call('GET', KEYS[1]) or '0'
  if visible ~= ARGV[1] then return { 'moved', visible } end
  return nil
end
