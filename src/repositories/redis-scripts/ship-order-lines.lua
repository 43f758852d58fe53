--[[
  A wave of shipments (POST /shipments): for each (orderId, code) item, what
  delete-order-lines-at-origin does, each item on its own, or with an article (and a quantity)
  only that article's lines (that many of its units); and the tracked pairs' on-hand units go
  down by the units shipped (includes/ship-stock.lua). Items come in chunks of one call each;
  under an idempotency key each chunk's answers are recorded with it, so a retry after a crash
  answers the chunks already done from the record and does only the rest.

  Input:  KEYS[1..13] order-context, then G:og:<code> of each distinct code of the chunk;
          ARGV[1..10] order-context, ARGV[11] this chunk's number, ARGV[12] how many chunks,
          ARGV[13] how many distinct codes, then the codes, then the same codes as JSON.stringify
          encodes them, then per item: orderId, code number, artGuid or '', qty or ''
  Derived keys: as delete-order-lines-at-origin's.
  Output: {{answer per item: 1 the order exists, 0 not}, {code, artGuid, onHand, asOfMs of each
          stock level the shipments changed}}; {'moved', visible generation}
  Events: as delete-order-lines-at-origin's, and stock.out / stock.back.
  Arity: KEYS 13+, ARGV 13+
]]
--- @include "check-generation"
--- @include "order-context"
--- @include "remove-lines-at-origin"
register('ship_order_lines', function(KEYS, ARGV)
  local moved = check_generation(KEYS, ARGV)
  if moved then return moved end
  local ctx = order_context(KEYS, ARGV)
  local chunk, chunks, n_codes = ARGV[11], tonumber(ARGV[12]), tonumber(ARGV[13])
  local codes, codes_json = {}, {}
  for i = 1, n_codes do codes[i], codes_json[i] = ARGV[13 + i], ARGV[13 + n_codes + i] end
  local answers, levels = {}, {}
  for a = 14 + 2 * n_codes, #ARGV, 4 do
    local c = tonumber(ARGV[a + 1])
    local ship = { art = ARGV[a + 2] ~= '' and ARGV[a + 2] or nil, qty = tonumber(ARGV[a + 3]), levels = levels }
    answers[#answers + 1] = remove_lines_at_origin(ctx, ARGV[a], codes[c], codes_json[c], KEYS[13 + c], nil, ship)
  end
  local changed = {}
  for _, level in ipairs(levels) do
    for _, v in ipairs(level) do changed[#changed + 1] = v end
  end
  if ctx.idempotency_ttl ~= '' then
    redis.call('HSET', ctx.idempotency, 'fingerprint', ctx.fingerprint, 'chunk:' .. chunk, cjson.encode(answers))
    if tonumber(chunk) == chunks then
      local all = {}
      for n = 1, chunks do
        for _, answer in ipairs(cjson.decode(redis.call('HGET', ctx.idempotency, 'chunk:' .. n))) do all[#all + 1] = answer end
      end
      redis.call('HSET', ctx.idempotency, 'requestId', ctx.request_id, 'state', 'done', 'outcome', cjson.encode({ all }))
    end
    redis.call('PEXPIRE', ctx.idempotency, ctx.idempotency_ttl)
  end
  return { answers, changed }
end)
