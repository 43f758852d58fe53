/**
 * Deterministic benchmark data: orders shaped like a storefront's (a few lines, each at one of a
 * handful of stock origins, articles drawn from a per-origin assortment). Identifiers are GUIDs
 * derived from counters so that every process (load generator, bare server, orchestrator) builds
 * the very same orders without sharing state.
 */
import type { Order } from '../../src/domain/order.js';

export const ORIGIN_COUNT = 20;
/** Articles an origin holds reservations for: bounds the size of GET /stock-origins/{code}. */
export const ARTICLES_PER_ORIGIN = 50;

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');

/** A GUID unique per (kind, tenant, index). */
export function guid(kind: number, tenantId: number, index: number): string {
  return `${hex(tenantId, 8)}-${hex(kind, 4)}-4${hex(index >>> 24, 3)}-8${hex((index >>> 12) & 0xfff, 3)}-${hex(index & 0xfff, 12)}`;
}

export const orderId = (tenantId: number, index: number) => guid(1, tenantId, index);
export const originCode = (i: number) => `FRA:MAG:${String(i % ORIGIN_COUNT).padStart(4, '0')}`;
export const articleGuid = (origin: number, slot: number) =>
  guid(2, 0, (origin % ORIGIN_COUNT) * ARTICLES_PER_ORIGIN + (slot % ARTICLES_PER_ORIGIN));

/** Small, fast, seedable PRNG (mulberry32). */
export function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const FIXED_LAST_UPDATED = '2025-09-22T10:01:20.624Z';
/** Far enough ahead that nothing expires during a run, close enough to look like a cart. */
export const FAR_EXPIRY = '2099-01-01T00:00:00.000Z';

/**
 * Order `index` of a tenant with `lineCount` lines at distinct origins (while there are enough).
 * `variant` changes the quantities only: a redefinition that moves the reservation figures.
 */
export function makeOrder(tenantId: number, index: number, lineCount = 3, variant = 0): Order {
  const random = rng(index * 7919 + tenantId);
  const first = Math.floor(random() * ORIGIN_COUNT);
  const lines = [];
  for (let i = 0; i < lineCount; i++) {
    const origin = first + i;
    lines.push({
      code: originCode(origin),
      artGuid: articleGuid(origin, Math.floor(random() * ARTICLES_PER_ORIGIN) + i * 7),
      qty: 1 + ((Math.floor(random() * 5) + variant) % 5),
    });
  }
  return {
    orderId: orderId(tenantId, index),
    tenantId,
    lastUpdated: FIXED_LAST_UPDATED,
    expiresAt: FAR_EXPIRY,
    type: index % 3 === 0 ? 'Order' : 'Cart',
    lines,
  };
}

/** The order's compact JSON, as a client sends it. */
export const orderJson = (order: Order) => JSON.stringify(order);
