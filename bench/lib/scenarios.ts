/**
 * What the load generator sends, per benchmark. The same scenario drives Reservoir and its
 * ceiling: same paths, same bodies; only the Authorization header differs (the ceiling has no auth).
 */
import { makeOrder, originCode, orderId } from './data.js';

export interface ScenarioSpec {
  name: 'upsert' | 'get' | 'delete-code' | 'stock-origin' | 'hello';
  tenantId: number;
  /** How many distinct orders the scenario cycles through (upsert, get) or may consume (delete-code). */
  pool: number;
  /** First order index of the pool (delete-code consumes orders from here on). */
  offset?: number;
}

export interface Request {
  method: string;
  path: string;
  body?: string;
}

/** A function giving the i-th request. */
export function scenario(spec: ScenarioSpec): (i: number) => Request {
  const t = spec.tenantId;
  const offset = spec.offset ?? 0;
  switch (spec.name) {
    case 'hello':
      return () => ({ method: 'GET', path: '/hello' });
    case 'upsert': {
      // Two variants of each order, differing in quantities: after the first pass every request
      // redefines an order and moves its reservation figures (the costlier path).
      const bodies = [0, 1].map((variant) =>
        Array.from({ length: spec.pool }, (_, k) => JSON.stringify(makeOrder(t, offset + k, 3, variant))),
      );
      return (i) => ({ method: 'POST', path: `/${t}/order`, body: bodies[Math.floor(i / spec.pool) % 2]![i % spec.pool] });
    }
    case 'get': {
      const paths = Array.from({ length: spec.pool }, (_, k) => `/${t}/order/${orderId(t, offset + k)}`);
      return (i) => ({ method: 'GET', path: paths[(i * 7919) % spec.pool]! });
    }
    case 'delete-code': {
      // Request i takes line i % 3 of order i / 3 off: two real partial deletes, then the order goes.
      return (i) => {
        const index = offset + Math.floor(i / 3);
        const code = makeOrder(t, index).lines[i % 3]!.code;
        return { method: 'DELETE', path: `/${t}/order/byid/${orderId(t, index)}/code/${encodeURIComponent(code)}` };
      };
    }
    case 'stock-origin':
      return (i) => ({ method: 'GET', path: `/${t}/stock-origins/${encodeURIComponent(originCode(i))}` });
  }
}
