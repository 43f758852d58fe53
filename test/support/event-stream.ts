/**
 * Reads a tenant's event stream straight from Redis (T events), for tests that check what the
 * write scripts append. An entry is `type` and `data` (JSON), or for order events the stored
 * order's parts as fields of their own (`o` in its compact stored form, or `order` as plain JSON;
 * `orderId`, `code`, `lines` for lines removed, compact or plain): each is answered as its event's
 * data, `{ order }` or `{ orderId, code, lines, order }`.
 */
import type { Cluster, Redis } from 'ioredis';
import { expandOrderJson } from '../../src/domain/events.js';
import { tenantKeys } from '../../src/repositories/keys.js';

export interface StreamEvent {
  id: string;
  type: string;
  data: any;
}

export async function readEvents(redis: Redis | Cluster, tenantId: number, after?: string): Promise<StreamEvent[]> {
  const entries = (await redis.xrange(tenantKeys(tenantId).events, after === undefined ? '-' : `(${after}`, '+')) as [string, string[]][];
  return entries.map(([id, flat]) => {
    const fields = new Map<string, string>();
    for (let i = 0; i < flat.length; i += 2) fields.set(flat[i]!, flat[i + 1]!);
    if (fields.has('o')) fields.set('order', expandOrderJson(fields.get('o')!));
    const json = (name: string) => (fields.has(name) ? JSON.parse(expandOrderJson(fields.get(name)!)) : null);
    const type = fields.get('type')!;
    let data: unknown;
    if (fields.has('data')) data = json('data');
    else if (fields.has('orderId'))
      data = { orderId: fields.get('orderId'), code: fields.get('code'), lines: json('lines'), order: json('order') };
    else data = { order: json('order') };
    return { id, type, data };
  });
}
