-- KEYS[1] is the tenant's visible-generation pointer (T gen, absent = '0'), ARGV[1] the generation
-- whose keys the caller passed. If another generation is visible now (PUT /orders switched it),
-- the script does nothing and answers {'moved', visible}: the caller calls again with its keys.
do
  local visible = redis.call('GET', KEYS[1]) or '0'
  if visible ~= ARGV[1] then return { 'moved', visible } end
end
