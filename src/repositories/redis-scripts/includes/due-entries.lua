-- The expiry entries at or before `now_iso`, soonest first, at most `limit`; an entry's order
-- id is string.sub(entry, 27) ('x', 24 characters of date, '\0').
local function due_entries(index, now_iso, limit)
  return redis.call('ZRANGEBYLEX', index, '[x', '(x' .. now_iso .. '\1', 'LIMIT', 0, limit)
end
