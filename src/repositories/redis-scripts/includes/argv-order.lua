-- The order starting at ARGV[at], decoded as { orderId, lastUpdated, expiresAt, type, lines, json },
-- and where the next one starts.
local function argv_order(ARGV, at, codes, articles)
  local n = tonumber(ARGV[at + 5])
  local lines = {}
  for i = 1, n do
    local b = at + 6 + 3 * (i - 1)
    lines[i] = { code = codes[tonumber(ARGV[b])], artGuid = articles[tonumber(ARGV[b + 1])], qty = tonumber(ARGV[b + 2]) }
  end
  local expires_at = ARGV[at + 3]
  if expires_at == '' then expires_at = nil end
  local order = {
    orderId = ARGV[at], json = ARGV[at + 1], lastUpdated = ARGV[at + 2], expiresAt = expires_at, type = ARGV[at + 4], lines = lines,
  }
  return order, at + 6 + 3 * n
end
