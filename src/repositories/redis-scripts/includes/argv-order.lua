-- The order starting at ARGV[at], decoded as { orderId, idBytes, lastUpdated, expiresAt, type, lines,
-- json }, and where the next one starts. Its arguments: orderId, its 16 bytes (as index entries hold
-- them: the caller converts, cheaper than Lua), stored form, lastUpdated, expiresAt ('' for none),
-- type, the number of lines, then per line its code's and article's numbers and its quantity.
local function argv_order(ARGV, at, codes, articles)
  local n = tonumber(ARGV[at + 6])
  local lines = {}
  for i = 1, n do
    local b = at + 7 + 3 * (i - 1)
    lines[i] = { code = codes[tonumber(ARGV[b])], artGuid = articles[tonumber(ARGV[b + 1])], qty = tonumber(ARGV[b + 2]) }
  end
  local expires_at = ARGV[at + 4]
  if expires_at == '' then expires_at = nil end
  local order = {
    orderId = ARGV[at], idBytes = ARGV[at + 1], json = ARGV[at + 2], lastUpdated = ARGV[at + 3], expiresAt = expires_at,
    type = ARGV[at + 5], lines = lines,
  }
  return order, at + 7 + 3 * n
end
