-- Records that the order changed, under this call's token (unique: the caller makes it so): a
-- sync forgets the change only if the token is still this one (ack-changes).
local function record_change(ctx, id)
  redis.call('HSET', ctx.changes, id, ctx.token)
end
