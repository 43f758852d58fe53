--- @include "stream-id-parts"
-- Negative, zero or positive as stream id `a` comes before, is, or comes after `b`.
local function stream_id_cmp(a, b)
  local am, as = stream_id_parts(a)
  local bm, bs = stream_id_parts(b)
  if am ~= bm then return am - bm end
  return as - bs
end
