--[[
  What orders in progress reserve at one stock origin. Expired orders are purged first (at most
  ARGV[12]; the sweeper does the rest), so none is counted.

  Input:  KEYS[1..13] order-context, KEYS[14] G:og:<code>; ARGV[1..10] order-context,
          ARGV[11] code, ARGV[12] purge limit, ARGV[13] the page's cursor ('0': the first), ARGV[14]
          articles at most in the page, ARGV[15] bytes at most in the page (about: artGuid and units)
  Derived keys: those of the purged orders' lines (from P).
  Output: {units, lines, orders, {artGuid, units, ...}, capacity or '', next cursor ('0': none),
          {level or '' per article of the page}}, a level being "onHand,asOfMs" (T stk);
          {'moved', visible generation}
  The articles come a page at a time (HSCAN), so no reply is larger than a page, however many
  articles an origin has; a page may be shorter than asked (HSCAN's steps), with a cursor.
  Arity: KEYS 14, ARGV 15
]]
--- @include "check-generation"
--- @include "hmget-all"
--- @include "order-context"
--- @include "purge-due"
register('get_stock_origin', function(KEYS, ARGV)
  local moved = check_generation(KEYS, ARGV)
  if moved then return moved end
  local ctx = order_context(KEYS, ARGV)
  local code = ARGV[11]
  purge_due(ctx, tonumber(ARGV[12]))
  local cursor, most, most_bytes = ARGV[13], tonumber(ARGV[14]), tonumber(ARGV[15])
  local articles, bytes = {}, 0
  local count = redis.call('HLEN', KEYS[14])
  -- Small enough for one page by both measures (an entry is at most 112 bytes as JSON: a GUID, a
  -- count, and its onHand and available).
  if cursor == '0' and count <= most and count * 112 <= most_bytes then
    articles = redis.call('HGETALL', KEYS[14])
  else
    repeat
      -- Each step asks for no more than the page has room for (HSCAN may give a few more).
      local room = math.max(1, math.min(most - #articles / 2, math.floor((most_bytes - bytes) / 112)))
      local step = redis.call('HSCAN', KEYS[14], cursor, 'COUNT', room)
      cursor = step[1]
      for i = 1, #step[2], 2 do
        articles[#articles + 1] = step[2][i]
        articles[#articles + 1] = step[2][i + 1]
        -- as JSON: {"artGuid":"…","qty":…,"onHand":…,"available":…}, (the last two up to 11 characters each)
        bytes = bytes + #step[2][i] + #step[2][i + 1] + 72
      end
    until cursor == '0' or #articles / 2 >= most or bytes >= most_bytes
  end
  -- The level of each article of the page at this origin (T stk), for onHand and available.
  local fields, levels = {}, {}
  for i = 1, #articles, 2 do fields[#fields + 1] = code .. '\0' .. articles[i] end
  local found = hmget_all(ctx.stock, fields)
  for i = 1, #fields do levels[i] = found[i] or '' end
  return {
    redis.call('HGET', ctx.origin_qty, code) or '0',
    redis.call('HGET', ctx.origin_lines, code) or '0',
    redis.call('HGET', ctx.origin_orders, code) or '0',
    articles,
    redis.call('HGET', ctx.capacities, code) or '',
    cursor,
    levels,
  }
end)
