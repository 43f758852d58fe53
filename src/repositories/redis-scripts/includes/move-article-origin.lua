-- The same for an article's origins (G:ar:<artGuid>), whose key appearing or vanishing moves the
-- count of reserved articles in `counters` (G:n articles). `delta_text` is the delta as integer
-- text when the caller has it (an argument), saving its formatting.
local function move_article_origin(key, code, delta, counters, delta_text)
  if delta == 0 then return end
  local units = redis.call('HINCRBY', key, code, delta_text or string.format('%d', delta))
  if units <= 0 then
    redis.call('HDEL', key, code)
    if redis.call('EXISTS', key) == 0 then redis.call('HINCRBY', counters, 'articles', '-1') end
  elseif units == delta and redis.call('HLEN', key) == 1 then
    redis.call('HINCRBY', counters, 'articles', '1')
  end
end
