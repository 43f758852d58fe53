--[[
  Migration to compact stored orders (issue 20). Builds before it stored each order in G:o as
  plain JSON, those of 2026-12-07 in a first compact form; this one stores it in its current
  compact form (repositories/orders/stored-order.ts), which the service computes. Each call writes the compact forms it is given, each only if the order is still stored
  as the JSON the service read (a write made meanwhile is kept). Run at start, before serving; a
  run cut short is simply run again.

  Input:  KEYS[1] G:o (of one generation); ARGV per order: orderId, the JSON read, its compact form
  Output: how many orders were converted
  Arity: KEYS 1, ARGV 0+
]]
register('migrations_compact_stored_orders', function(KEYS, ARGV)
  local converted = 0
  for i = 1, #ARGV, 3 do
    if redis.call('HGET', KEYS[1], ARGV[i]) == ARGV[i + 1] then
      redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 2])
      converted = converted + 1
    end
  end
  return converted
end)
