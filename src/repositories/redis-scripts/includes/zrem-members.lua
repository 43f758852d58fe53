local function zrem_members(key, members)
  for from = 1, #members, 1000 do redis.call('ZREM', key, unpack(members, from, math.min(#members, from + 999))) end
end
