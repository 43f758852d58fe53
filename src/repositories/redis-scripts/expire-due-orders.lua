--[[
  Removes orders whose expiry has passed, with what they reserve (the expiry sweeper).

  Input:  KEYS[1..7] order-keys; ARGV[1..2] order-keys, ARGV[3] now (ms), ARGV[4] at most this
          many orders, ARGV[5] change token
  Derived keys: the og/ar figure keys of the removed orders' lines (from P).
  Output: {how many were removed}; {'moved', visible generation}
]]
--- @include "order-keys"
--- @include "remove-order"
return { purge_due(tonumber(ARGV[3]), tonumber(ARGV[4]), ARGV[5]) }
