/**
 * The client-side model of the failover and resharding tests: many clients write orders while
 * Redis changes under the service, and every order must end as a version the model allows. An
 * order may hold the version last acknowledged, or any written after it that the service refused
 * (a 503 after the script ran: its reply was lost), and nothing else (an acknowledged write lost,
 * or one applied twice, shows in the figures).
 */
import { isDeepStrictEqual } from 'node:util';
import { expect } from 'vitest';
import type { ModelOrder } from './figures-model.js';
import type { TestService } from './harness.js';
import { newGuid } from './harness.js';

/** Per orderId, the versions it may hold: `undefined` for none (never stored, or not yet). */
export type PossibleVersions = Map<string, (ModelOrder | undefined)[]>;

/**
 * The writes of client `c`: it redefines a few orders of its own and creates a new one every other
 * write, so a lost creation stays visible whatever is written after it. Each call is the next
 * write; the orders it names are put in `model` as possibly absent. `nextVersion` orders the
 * writes of every client (lastUpdated).
 */
export function clientWrites(
  tenantId: number,
  c: number,
  options: { ownOrders: number; codes: readonly string[]; articles: readonly string[]; model: PossibleVersions; nextVersion: () => number },
): () => ModelOrder {
  const { codes, articles, model } = options;
  const ids = Array.from({ length: options.ownOrders }, () => newGuid());
  for (const id of ids) model.set(id, [undefined]);
  let i = -1;
  return () => {
    i += 1;
    let id = ids[i % ids.length]!;
    if (i % 2 === 1) {
      id = newGuid();
      model.set(id, [undefined]);
    }
    return {
      orderId: id,
      tenantId,
      lastUpdated: new Date(Date.UTC(2025, 0, 1) + options.nextVersion() * 1000).toISOString(),
      type: 'Order',
      lines: [
        { code: codes[(c + i) % 3]!, artGuid: articles[i % 3]!, qty: 1 + ((c * 7 + i) % 5) },
        { code: codes[(c + i + 1) % 3]!, artGuid: articles[(i + 1) % 3]!, qty: 1 },
      ],
    };
  };
}

/** Reads every order of the model back: those holding a version the model does not allow, and the orders stored. */
export async function readBack(
  svc: TestService,
  tenantId: number,
  model: PossibleVersions,
): Promise<{ lost: string[]; stored: ModelOrder[] }> {
  const lost: string[] = [];
  const stored: ModelOrder[] = [];
  for (const [id, possible] of model) {
    const res = await svc.call('GET', `/${tenantId}/order/${id}`);
    expect([200, 404], JSON.stringify(res.body)).toContain(res.status);
    const found = res.status === 200 ? (res.body as ModelOrder) : undefined;
    if (!possible.some((p) => isDeepStrictEqual(p, found))) lost.push(id);
    if (found) stored.push(found);
  }
  return { lost, stored };
}
