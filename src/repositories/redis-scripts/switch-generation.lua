--[[
  Makes a staged generation S the visible one, in one step: readers see the old set or the new.

  Input:  KEYS[1] T gen, KEYS[2] G:o (visible), KEYS[3] S:o (staged), KEYS[4] T gc, KEYS[5] T synced
          ARGV[1] G, the generation expected visible, ARGV[2] S
  Output: {'switched', orders in S, orders G had}; {'moved', visible generation} when another
          replacement switched first (nothing done: the caller discards S)

  G is queued for deletion (gc), and the tenant loses its `synced` mark, so that the next sync is
  a full one should the archive write of this replacement be interrupted.
]]
--- @include "check-generation"
local old_count = redis.call('HLEN', KEYS[2])
redis.call('SET', KEYS[1], ARGV[2])
redis.call('RPUSH', KEYS[4], ARGV[1])
redis.call('DEL', KEYS[5])
return { 'switched', redis.call('HLEN', KEYS[3]), old_count }
