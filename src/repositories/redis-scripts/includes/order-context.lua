--[[
  The keys and arguments every order-writing script takes first, named: the context (ctx) every
  order helper takes as its first parameter. Such a script checks the generation first (check-generation).

  KEYS[1]  T gen      the tenant's visible generation G (see check-generation)
  KEYS[2]  G:o        hash  orderId -> stored order JSON
  KEYS[3]  G:oq       hash  code -> units reserved at that origin
  KEYS[4]  G:ol       hash  code -> order lines at that origin
  KEYS[5]  G:oo       hash  code -> orders with a line at that origin
  KEYS[6]  T dirty    hash  orderId -> token of its latest change (what the next sync writes)
  KEYS[7]  G:i        zset  the order indexes, expiries included (includes/zadd-members.lua)
  KEYS[8]  G:n        hash  the tenant's counters (includes/zadd-members.lua)
  KEYS[9]  T events   stream of the tenant's events (includes/emit.lua)
  KEYS[10] T cap      hash  the stock origins' capacities (includes/watch-saturation.lua)
  KEYS[11] T idem:<k> the idempotency record of this call (includes/finish.lua); when the
                      call has none, T idem: (never written)
  KEYS[12] T thr      the tenant's saturation thresholds (includes/watch-saturation.lua)
  KEYS[13] T stk      the tracked pairs' stock levels: code\0artGuid -> "onHand,asOfMs" (includes/tracked-levels.lua)
  ARGV[1]  G, the generation of these keys
  ARGV[2]  G's key prefix P. The per-origin and per-article figure keys of lines found in stored
           orders (P og:<code>, P ar:<artGuid>) are derived from it: which they are is only known
           once the stored order is read.
  ARGV[3]  the tenant id (events carry it)     ARGV[4]  the most events the stream keeps (about)
  ARGV[5]  now (ms)     ARGV[6]  now (ISO)     ARGV[7]  the change token of this call
  ARGV[8]  the idempotency record's time to live (ms), or '' when the call has none
  ARGV[9]  the request's fingerprint            ARGV[10] its request id
]]
local function order_context(KEYS, ARGV)
  return {
    orders = KEYS[2], origin_qty = KEYS[3], origin_lines = KEYS[4], origin_orders = KEYS[5], changes = KEYS[6],
    index = KEYS[7], counters = KEYS[8], events = KEYS[9], capacities = KEYS[10], idempotency = KEYS[11], thresholds = KEYS[12],
    stock = KEYS[13],
    p = ARGV[2], tenant = ARGV[3], events_max = ARGV[4], now = tonumber(ARGV[5]), now_iso = ARGV[6], token = ARGV[7],
    idempotency_ttl = ARGV[8], fingerprint = ARGV[9], request_id = ARGV[10],
  }
end
