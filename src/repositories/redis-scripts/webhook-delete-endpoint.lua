--[[
  Deletes a webhook endpoint with all its deliveries (pending ones are not attempted any more;
  an attempt in flight finds its delivery gone and records nothing).

  Input:  KEYS[1] T wh:ep, KEYS[2] T wh:es; ARGV[1] the tenant's webhook prefix W, ARGV[2] endpoint id
  Derived keys: the endpoint's W due/s/p/ix/last keys (its 5-minute and hourly figures expire alone).
  Output: 1 the endpoint existed, 0 it did not
  Arity: KEYS 2, ARGV 2
]]
--- @include "wh-index"
--- @include "wh-key"
register('webhook_delete_endpoint', function(KEYS, ARGV)
  local prefix, id = ARGV[1], ARGV[2]
  local existed = redis.call('HDEL', KEYS[1], id)
  redis.call('HDEL', KEYS[2], id)
  redis.call('UNLINK', wh_key(prefix, 'due', id), wh_key(prefix, 's', id), wh_key(prefix, 'p', id),
    wh_index(prefix, id, 'pending'), wh_index(prefix, id, 'delivered'), wh_index(prefix, id, 'failed'),
    wh_key(prefix, 'last', id))
  return existed
end)
