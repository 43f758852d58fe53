--[[
  Reads one page of a tenant's change feed after a cursor, once sure that the feed still holds
  every event after that cursor (else the consumer must resynchronise: 410).

  Input:  KEYS[1] the tenant's events stream
          ARGV[1] cursor `<ms>-<seq>` (events after it), or '' for "from the oldest kept"
          ARGV[2] at most this many events
          ARGV[3] about this many bytes at most (0: no limit); the first event always comes
  Output: {'ok', newest id ever appended ('0-0' if none), id1, {fields1}, id2, {fields2}, ...}
          (each entry's fields as appended: type and data, or type and order)
          {'expired', why}

  The feed only ever drops its oldest events (MAXLEN on append, MINID by age), and never XDELs.
  So a cursor is covered unless events were dropped (entries-added > length) and the cursor is
  older than the oldest kept one. The age trim keeps the newest event, so a consumer that is up
  to date holds a covered cursor however quiet the tenant.
  An event carries a whole order (up to 5,000 lines): the page is read a few events at a time and
  ends once it holds ARGV[3] bytes, so no reply (nor this script's memory) grows past about that.
  Arity: KEYS 1, ARGV 3
]]
--- @include "stream-id-cmp"
register('events_read', function(KEYS, ARGV)
  local key, after, limit = KEYS[1], ARGV[1], tonumber(ARGV[2])

  if redis.call('EXISTS', key) == 0 then
    if after == '' or after == '0-0' then return { 'ok', '0-0' } end
    return { 'expired', 'the feed holds no events for this tenant' }
  end

  local raw = redis.call('XINFO', 'STREAM', key)
  local info = {}
  for i = 1, #raw, 2 do info[raw[i]] = raw[i + 1] end
  local newest = info['last-generated-id']

  if after ~= '' then
    if stream_id_cmp(after, newest) > 0 then
      return { 'expired', 'the cursor is newer than the newest event of the feed' }
    end
    if tonumber(info['entries-added']) > tonumber(info['length']) then
      local first = info['first-entry']
      local oldest_kept = first and first[1] or nil
      if (oldest_kept and stream_id_cmp(after, oldest_kept) < 0) or (not oldest_kept and stream_id_cmp(after, newest) < 0) then
        return { 'expired', 'it is older than the oldest event kept' }
      end
    end
  end

  local reply = { 'ok', newest }
  local most_bytes = tonumber(ARGV[3]) or 0
  local start, taken, bytes = after == '' and '-' or '(' .. after, 0, 0
  while taken < limit do
    local entries = redis.call('XRANGE', key, start, '+', 'COUNT', math.min(limit - taken, 16))
    if #entries == 0 then return reply end
    for _, entry in ipairs(entries) do
      local size = #entry[1]
      for _, field in ipairs(entry[2]) do size = size + #field end
      if most_bytes > 0 and taken > 0 and bytes + size > most_bytes then return reply end
      reply[#reply + 1] = entry[1]
      reply[#reply + 1] = entry[2]
      taken, bytes = taken + 1, bytes + size
      start = '(' .. entry[1]
    end
  end
  return reply
end)
