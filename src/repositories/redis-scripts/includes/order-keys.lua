--[[
  The keys every order-writing script takes first, named, and the generation check.

  KEYS[1] T gen     the tenant's visible generation G (see check-generation)
  KEYS[2] G:o       hash  orderId -> stored order JSON
  KEYS[3] G:x       zset  orderId -> expiresAt (ms)
  KEYS[4] G:oq      hash  code -> units reserved at that origin
  KEYS[5] G:ol      hash  code -> order lines at that origin
  KEYS[6] G:oo      hash  code -> orders with a line at that origin
  KEYS[7] T dirty   hash  orderId -> token of its latest change (what the next sync writes)
  ARGV[1]           G, the generation of these keys
  ARGV[2]           G's key prefix P. The per-origin and per-article figure keys of lines found
                    in stored orders (P og:<code>, P ar:<artGuid>) are derived from it: which they
                    are is only known once the stored order is read.
]]
--- @include "check-generation"
local ORDERS, EXPIRIES, ORIGIN_QTY, ORIGIN_LINES, ORIGIN_ORDERS, CHANGES = KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6], KEYS[7]
local P = ARGV[2]
