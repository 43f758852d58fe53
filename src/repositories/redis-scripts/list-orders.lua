--[[
  A page of the tenant's orders, optionally filtered (GET /orders). Filters combine; the walk
  goes through the index of the most selective one (its size is counted first, O(log n) each;
  a date filter's only when no code, artGuid or type is given) and checks the others on each
  order, so a page costs in proportion to the page and the orders that match, not to the
  tenant's size. Expired orders are purged first (at most ARGV[11])
  and never listed.

  Walks, and the order they list in (the entries: includes/zadd-members.lua):
    '*'  every order: the three type indexes merged, by orderId
    'c', 'a', 't'  the orders with a line at code / of artGuid / of type: by orderId (an article's
                   in its own index, G:ai:<artGuid>; its marks are written as entries of G:i)
    'u'  updated since: by (lastUpdated, orderId)      'x'  expiring before: by (expiresAt, orderId)
  A walk by orderId lists every order that exists throughout exactly once, whatever is written
  meanwhile. A walk by date lists an order again if a write moves its date past the cursor (and
  not at all one whose expiry a write moves back behind it): it is taken only when the filters
  are dates alone.

  Input:  KEYS[1..13] order-context; ARGV[1..10] order-context, ARGV[11] purge limit, ARGV[12] page
          size, ARGV[13] the walk ('' on the first page: chosen here), ARGV[14] where the last
          page stopped ('' on the first; an orderId on the walk '*', else an index entry as text:
          includes/index-entry-text.lua), ARGV[15] code, ARGV[16] artGuid, ARGV[17] type,
          ARGV[18] expiresBefore (ISO), ARGV[19] updatedSince (ISO) (each '' when not asked for),
          ARGV[20] the most index entries one page may examine
          ARGV[21] about the most bytes of orders one page holds (0: no limit; the first order
          always comes): an order may hold 5,000 lines, so `limit` alone does not bound a reply
  Derived keys: G:ai:<artGuid> of the artGuid asked for, those of the purged orders' lines (from P).
  Output: {walk, {stored form (compact JSON: includes/decode-stored.lua)...}, where this page
          stopped (as ARGV[14]) or '' when the walk is over}; {'moved', visible generation}
  Arity: KEYS 13, ARGV 21
]]
--- @include "check-generation"
--- @include "guid-bytes"
--- @include "guid-text"
--- @include "index-entry-text"
--- @include "index-text-entry"
--- @include "order-context"
--- @include "purge-due"
--- @include "stored-date"
--- @include "stored-expired"
register('list_orders', function(KEYS, ARGV)
  local moved = check_generation(KEYS, ARGV)
  if moved then return moved end
  local ctx = order_context(KEYS, ARGV)
  purge_due(ctx, tonumber(ARGV[11]))
  local limit, walk, after = tonumber(ARGV[12]), ARGV[13], ARGV[14]
  local code, art, order_type, expires_before, updated_since = ARGV[15], ARGV[16], ARGV[17], ARGV[18], ARGV[19]
  local budget = tonumber(ARGV[20])
  local TYPES = { 'C', 'E', 'O' }  -- the types' initials, as their index entries hold them
  local type_initial = string.sub(order_type, 1, 1)
  local art_index = ctx.p .. 'ai:' .. art

  -- The lexical range [first, past) of each walk's entries; the order id follows the value.
  local function range_of(w)
    if w == 'c' then return 'c' .. code .. '\0', 'c' .. code .. '\1' end
    if w == 't' then return 't' .. type_initial .. '\0', 't' .. type_initial .. '\1' end
    if w == 'u' then return 'u' .. updated_since, 'v' end
    if w == 'x' then return 'x', 'x' .. expires_before end
  end

  if walk == '' then
    walk = '*'
    local best = nil
    -- A walk by orderId lists each order once whatever is written meanwhile; one by date does not.
    -- So the date indexes are walked only when no filter has an index by orderId.
    local walks = { 'c', 'a', 't' }
    if code == '' and art == '' and order_type == '' then walks = { 'u', 'x' } end
    for _, w in ipairs(walks) do
      local asked = (w == 'c' and code ~= '') or (w == 'a' and art ~= '') or (w == 't' and order_type ~= '')
        or (w == 'u' and updated_since ~= '') or (w == 'x' and expires_before ~= '')
      if asked then
        local n
        if w == 'a' then n = redis.call('ZCARD', art_index) else
          local first, past = range_of(w)
          n = redis.call('ZLEXCOUNT', ctx.index, '[' .. first, '(' .. past)
        end
        if not best or n < best then best, walk = n, w end
      end
    end
  end

  -- Whether an order passes the filters an index answers (the walk's own is passed by construction):
  -- asked of the index first, so that an order that fails them is not even read. `key` is the
  -- order's key in the index ('\0' and its 16 bytes); the walk '*' has no such filter to ask.
  local function indexed(key)
    if code ~= '' and walk ~= 'c' and not redis.call('ZSCORE', ctx.index, 'c' .. code .. key) then return false end
    if art ~= '' and walk ~= 'a' and not redis.call('ZSCORE', art_index, string.sub(key, 2)) then return false end
    if order_type ~= '' and walk ~= 't' and not redis.call('ZSCORE', ctx.index, 't' .. type_initial .. key) then return false end
    return true
  end

  -- Whether a stored order is live and passes the date filters, read from its stored form without
  -- decoding it: decoding was most of a page's cost.
  local function matches(json)
    if stored_expired(json, ctx.now_iso) then return false end
    if expires_before ~= '' then
      local expires_at = stored_date(json, '\16')
      if not (expires_at and expires_at < expires_before) then return false end
    end
    if updated_since ~= '' and stored_date(json, '\15') < updated_since then return false end
    return true
  end

  -- The next ids of the walk after `from` (where the last page stopped; nil at the start), at most
  -- `count`, each with its key in the index ('\0' and its 16 bytes) and the mark a page stopping
  -- there leaves (an orderId for '*', an index entry for the others); and whether the walk ends
  -- with them.
  local function next_ids(from, count)
    local ids, keys, marks = {}, {}, {}
    if walk == '*' then
      -- Every order has one type entry: the three type walks merged by orderId.
      local merged, exhausted = {}, true
      for _, t in ipairs(TYPES) do
        local prefix = 't' .. t .. '\0'
        local start = from and ('(' .. prefix .. guid_bytes(from)) or ('[' .. prefix)
        local entries = redis.call('ZRANGEBYLEX', ctx.index, start, '(t' .. t .. '\1', 'LIMIT', 0, count)
        if #entries == count then exhausted = false end
        for _, entry in ipairs(entries) do merged[#merged + 1] = guid_text(string.sub(entry, -16)) end
      end
      table.sort(merged)
      for i = 1, math.min(count, #merged) do ids[i], marks[i] = merged[i], merged[i] end
      return ids, keys, marks, exhausted and #merged <= count
    end
    if walk == 'a' then
      local start = from and ('(' .. string.sub(from, -16)) or '-'
      local members = redis.call('ZRANGEBYLEX', art_index, start, '+', 'LIMIT', 0, count)
      for i, id_bytes in ipairs(members) do
        marks[i] = 'a' .. art .. '\0' .. id_bytes
        keys[i] = '\0' .. id_bytes
        ids[i] = guid_text(id_bytes)
      end
      return ids, keys, marks, #members < count
    end
    local first, past = range_of(walk)
    local start = from and ('(' .. from) or ('[' .. first)
    local entries = redis.call('ZRANGEBYLEX', ctx.index, start, '(' .. past, 'LIMIT', 0, count)
    for i, entry in ipairs(entries) do
      marks[i] = entry
      keys[i] = string.sub(entry, -17)
      ids[i] = guid_text(string.sub(entry, -16))
    end
    return ids, keys, marks, #entries < count
  end

  local page, examined = {}, 0
  -- Cursors carry index entries as text (the service checked their shape): read here, told back below.
  local mark = nil
  if after ~= '' then mark = walk == '*' and after or index_text_entry(after) end
  local over, full = false, false
  local most_bytes, bytes = tonumber(ARGV[21]) or 0, 0
  while #page < limit and examined < budget and not over and not full do
    local ids, keys, marks, last_batch = next_ids(mark, math.min(limit - #page + 10, budget - examined))
    local consumed = 0
    for i, id in ipairs(ids) do
      examined, consumed, mark = examined + 1, i, marks[i]
      local json = indexed(keys[i]) and redis.call('HGET', ctx.orders, id)
      if json and matches(json) then
        page[#page + 1] = json
        -- Counted as served: the compact form's pieces expand (includes/expand-order.lua), those
        -- of the order by at most 74 bytes, each line's by 27.
        local _, lines = string.gsub(json, '\20', '')
        bytes = bytes + #json + 74 + 27 * lines
        full = most_bytes > 0 and bytes >= most_bytes
        if #page == limit or full then break end
      end
    end
    over = last_batch and consumed == #ids and not full
  end
  if walk ~= '*' and mark then mark = index_entry_text(mark) end
  return { walk, page, over and '' or (mark or '') }
end)
