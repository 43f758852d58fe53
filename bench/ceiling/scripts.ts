/** The ceilings' Lua scripts (see bare.ts). */

/** UPSERT_12's arguments for an order (ARGV): its id, its JSON, its expiry (ms), then code, artGuid, qty per line. */
export function upsert12Args(order: {
  orderId: string;
  expiresAt?: string | null;
  lines: { code: string; artGuid: string; qty: number }[];
}): (string | number)[] {
  return [
    order.orderId,
    JSON.stringify(order),
    order.expiresAt ? Date.parse(order.expiresAt) : 0,
    ...order.lines.flatMap((l) => [l.code, l.artGuid, l.qty]),
  ];
}

/** 12 Redis operations for a 3-line order: HGET, HSET, ZADD, and 3 per line. */
export const UPSERT_12 = `
local p = KEYS[1]
redis.call('HGET', p .. 'o', ARGV[1])
redis.call('HSET', p .. 'o', ARGV[1], ARGV[2])
redis.call('ZADD', p .. 'x', ARGV[3], ARGV[1])
for i = 4, #ARGV, 3 do
  redis.call('HINCRBY', p .. 'og:' .. ARGV[i], ARGV[i + 1], ARGV[i + 2])
  redis.call('HINCRBY', p .. 'ar:' .. ARGV[i + 1], ARGV[i], ARGV[i + 2])
  redis.call('ZINCRBY', p .. 'oq', ARGV[i + 2], ARGV[i])
end
return 1
`;

export const DELETE_AT_ORIGIN = `
local p, id, code = KEYS[1], ARGV[1], ARGV[2]
local json = redis.call('HGET', p .. 'o', id)
if not json then return 0 end
local o = cjson.decode(json)
local kept = {}
for _, l in ipairs(o.lines) do
  if l.code == code then
    redis.call('HINCRBY', p .. 'og:' .. code, l.artGuid, -l.qty)
    redis.call('HINCRBY', p .. 'ar:' .. l.artGuid, code, -l.qty)
    redis.call('ZINCRBY', p .. 'oq', -l.qty, code)
  else
    kept[#kept + 1] = l
  end
end
if #kept == 0 then redis.call('HDEL', p .. 'o', id) return 1 end
o.lines = kept
redis.call('HSET', p .. 'o', id, cjson.encode(o))
return 1
`;

export const STOCK_ORIGIN = `
return {
  redis.call('HGET', KEYS[1], ARGV[1]) or '0',
  redis.call('HGET', KEYS[2], ARGV[1]) or '0',
  redis.call('HGET', KEYS[3], ARGV[1]) or '0',
  redis.call('HGETALL', KEYS[4]),
}
`;
