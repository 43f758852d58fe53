--[[
  The keys and arguments every order-writing script takes first, named, and the generation check.

  KEYS[1]  T gen      the tenant's visible generation G (see check-generation)
  KEYS[2]  G:o        hash  orderId -> stored order JSON
  KEYS[3]  G:oq       hash  code -> units reserved at that origin
  KEYS[4]  G:ol       hash  code -> order lines at that origin
  KEYS[5]  G:oo       hash  code -> orders with a line at that origin
  KEYS[6]  T dirty    hash  orderId -> token of its latest change (what the next sync writes)
  KEYS[7]  G:ix       zset  the order indexes, expiries included (includes/order-index.lua)
  KEYS[8]  G:n        hash  the tenant's counters (includes/order-index.lua)
  KEYS[9]  T events   stream of the tenant's events (includes/events.lua)
  KEYS[10] T cap      hash  the stock origins' capacities (includes/saturation.lua)
  KEYS[11] T idem:<k> the idempotency record of this call (includes/idempotency.lua); when the
                      call has none, T idem: (never written)
  KEYS[12] T thr      the tenant's saturation thresholds (includes/saturation.lua)
  ARGV[1]  G, the generation of these keys
  ARGV[2]  G's key prefix P. The per-origin and per-article figure keys of lines found in stored
           orders (P og:<code>, P ar:<artGuid>) are derived from it: which they are is only known
           once the stored order is read.
  ARGV[3]  the tenant id (events carry it)     ARGV[4]  the most events the stream keeps (about)
  ARGV[5]  now (ms)     ARGV[6]  now (ISO)     ARGV[7]  the change token of this call
  ARGV[8]  the idempotency record's time to live (ms), or '' when the call has none
  ARGV[9]  the request's fingerprint            ARGV[10] its request id
]]
--- @include "check-generation"
local ORDERS, ORIGIN_QTY, ORIGIN_LINES, ORIGIN_ORDERS, CHANGES = KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6]
local INDEX, COUNTERS, EVENTS, CAPACITIES, IDEMPOTENCY, THRESHOLDS = KEYS[7], KEYS[8], KEYS[9], KEYS[10], KEYS[11], KEYS[12]
local P, TENANT, EVENTS_MAX = ARGV[2], ARGV[3], ARGV[4]
local NOW, NOW_ISO, TOKEN = tonumber(ARGV[5]), ARGV[6], ARGV[7]
local IDEMPOTENCY_TTL, FINGERPRINT, REQUEST_ID = ARGV[8], ARGV[9], ARGV[10]
