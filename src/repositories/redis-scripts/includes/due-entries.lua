-- The expiry entries at or before `now_iso`, soonest first, at most `limit`; an entry's orderId's
-- 16 bytes are string.sub(entry, 27) ('x', 24 characters of date, '\0'; guid-text reads them).
local function due_entries(index, now_iso, limit)
  return redis.call('ZRANGEBYLEX', index, '[x', '(x' .. now_iso .. '\1', 'LIMIT', 0, limit)
end
