--[[
  Deletes one order and everything it reserves.

  Input:  KEYS[1..7] order-keys; ARGV[1..2] order-keys, ARGV[3] orderId, ARGV[4] now (ISO),
          ARGV[5] change token
  Derived keys: the og/ar figure keys of the stored order's lines (from P).
  Output: {1} a live order was deleted, {0} there was none (or it had expired);
          {'moved', visible generation}

  A miss is recorded as a change too: should Redis have lost the order, the deletion still wins
  over the archived copy (restore skips it, the next sync deletes it from MongoDB).
]]
--- @include "order-keys"
--- @include "remove-order"
--- @include "json-expired"
local id, now_iso, token = ARGV[3], ARGV[4], ARGV[5]
local stored = redis.call('HGET', ORDERS, id)
if not stored then
  record_change(id, token)
  return { 0 }
end
local order = cjson.decode(stored)
remove_order(id, order, token)
if order_expired(order, now_iso) then return { 0 } end
return { 1 }
