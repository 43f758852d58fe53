--[[
  Idempotent retries. A request with an Idempotency-Key has a record (T idem:<key>, a hash:
  fingerprint, requestId, state, outcome; see begin-idempotent.lua) which the script making its
  change completes in the same step: a change never lacks its record, nor a record its change.
  `outcome` is the script's reply as JSON, which a retry is answered from.
]]
local function finish(ctx, reply)
  if ctx.idempotency_ttl ~= '' then
    redis.call('HSET', ctx.idempotency, 'fingerprint', ctx.fingerprint, 'requestId', ctx.request_id,
      'state', 'done', 'outcome', cjson.encode(reply))
    redis.call('PEXPIRE', ctx.idempotency, ctx.idempotency_ttl)
  end
  return reply
end
