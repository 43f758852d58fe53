import type { OrderKeys } from '../keys.js';
import { PURGE_BEFORE_READ } from './get-stock-origin.js';
import { defineScript, type RedisLike } from './lua-script.js';
import { movedTo, numberPairs, orderArgList, orderKeyList, type Moved } from './order-script.js';

/** [code, units] of each origin where the article is reserved, after purging expired orders (get-article.lua). */
export function getArticleScript(redis: RedisLike) {
  const call = defineScript(redis, 'get-article');
  return async (keys: OrderKeys, artGuid: string, now: number, token: string): Promise<[string, number][] | Moved> => {
    const reply = (await call([...orderKeyList(keys), keys.article(artGuid)], [...orderArgList(keys), artGuid, now, token, PURGE_BEFORE_READ])) as [
      string[],
    ];
    return movedTo(reply) ?? numberPairs(reply[0]);
  };
}
