import type { OrderChange } from '../../domain/ports.js';
import { defineScript, type RedisLike } from './lua-script.js';

/** Forgets changes the archive reflects, unless the order changed again since (ack-changes.lua). */
export function ackChangesScript(redis: RedisLike) {
  const call = defineScript(redis, 'ack-changes');
  return async (changesKey: string, changes: OrderChange[]): Promise<number> => {
    const args: string[] = [];
    for (const c of changes) args.push(c.orderId, c.token);
    return (await call([changesKey], args)) as number;
  };
}
