--[[
  Orders passed whole in ARGV (staging, restore): the distinct codes and articles of their lines
  come first, once each, then per order
    orderId, stored form, lastUpdated, expiresAt (ISO) or '', type, line count,
    then per line: code number, article number, units
]]
local function argv_names(ARGV, at, count)
  local names = {}
  for i = 1, count do names[i] = ARGV[at + i - 1] end
  return names
end
