-- Every reservation figure is a counter moved by one HINCRBY (the cheapest write here); a figure
-- that reaches zero is dropped, so an absent field reads as 0 and no empty key lingers. Deltas go
-- to Redis as integer text: Lua would format a number as a float, which costs more than the
-- HINCRBY itself. Answers the figure after (nil when delta is 0).
local function hincr_or_drop(key, field, delta)
  if delta == 0 then return nil end
  local after = redis.call('HINCRBY', key, field, string.format('%d', delta))
  if after <= 0 then redis.call('HDEL', key, field) end
  return after
end
