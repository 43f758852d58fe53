-- Stream ids `<ms>-<seq>` compared as numbers (their string order is not their order).
local function stream_id_parts(id)
  local dash = string.find(id, '-', 1, true)
  return tonumber(string.sub(id, 1, dash - 1)), tonumber(string.sub(id, dash + 1))
end

-- Negative, zero or positive as stream id `a` comes before, is, or comes after `b`.
local function stream_id_cmp(a, b)
  local am, as = stream_id_parts(a)
  local bm, bs = stream_id_parts(b)
  if am ~= bm then return am - bm end
  return as - bs
end
