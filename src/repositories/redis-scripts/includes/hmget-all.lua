-- HMGET of any number of fields, in calls of at most 1000 (Lua's unpack has a limit): the values in
-- the order of `fields`, false for a field the hash lacks.
local function hmget_all(key, fields)
  local values = {}
  for from = 1, #fields, 1000 do
    local part = redis.call('HMGET', key, unpack(fields, from, math.min(#fields, from + 999)))
    for i = 1, #part do values[from + i - 1] = part[i] end
  end
  return values
end
