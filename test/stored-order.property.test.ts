/**
 * The stored form of an order (src/repositories/orders/stored-order.ts) is written field by field
 * for speed and compact (each piece around a value as one control character), yet must expand to
 * exactly what `JSON.stringify` gives of the contract's fields in their order: GET serves that,
 * the feed and webhooks deliver it, and remove-lines-at-origin.lua cuts lines out of it as text.
 * Generated orders with any text in their codes (quotes, backslashes, control characters, lone
 * surrogates, non-Latin scripts), with and without an expiry, each encoded both ways. It expands
 * the same in TypeScript and in the Lua (webhooks, the scripts that decode it).
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ORDER_TYPES, type Order } from '../src/domain/order.js';
import { EARLIER_ORDER_JSON_PIECES, expandOrderJson, FIRST_PIECE_CODE, ORDER_JSON_PIECES } from '../src/domain/events.js';
import { decodeStoredOrder, encodeStoredOrder } from '../src/repositories/orders/stored-order.js';

const text = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: 'binary' }),
  fc.constantFrom('"', '\\', '\u2028', '\ud800', '</script>'),
);
const date = fc
  .date({ min: new Date('1970-01-01T00:00:00.000Z'), max: new Date('9999-12-31T23:59:59.999Z'), noInvalidDate: true })
  .map((d) => d.toISOString());

const order: fc.Arbitrary<Order> = fc.record(
  {
    orderId: fc.uuid(),
    tenantId: fc.integer({ min: 1, max: 2_147_483_647 }),
    lastUpdated: date,
    expiresAt: date,
    type: fc.constantFrom(...ORDER_TYPES),
    lines: fc.array(fc.record({ code: text, artGuid: fc.uuid(), qty: fc.integer({ min: 1, max: 1_000_000_000 }) }), { maxLength: 8 }),
  },
  { requiredKeys: ['orderId', 'tenantId', 'lastUpdated', 'type', 'lines'] },
);

describe('the stored form of an order', () => {
  const generic = (o: Order) =>
    JSON.stringify({
      orderId: o.orderId,
      lastUpdated: o.lastUpdated,
      expiresAt: o.expiresAt,
      type: o.type,
      lines: o.lines.map((l) => ({ code: l.code, artGuid: l.artGuid, qty: l.qty })),
    });

  it('expands to the JSON of its fields in the contract order, byte for byte, and is shorter', () => {
    fc.assert(
      fc.property(order, (o) => {
        const stored = encodeStoredOrder(o);
        expect(expandOrderJson(stored)).toBe(generic(o));
        expect(stored.length).toBeLessThan(generic(o).length);
      }),
      { numRuns: 2000 },
    );
  });

  it('decodes back to the same order, as does the plain JSON an earlier build stored', () => {
    fc.assert(
      fc.property(order, (o) => {
        expect(decodeStoredOrder(o.tenantId, encodeStoredOrder(o))).toEqual(o);
        expect(decodeStoredOrder(o.tenantId, generic(o))).toEqual(o);
      }),
      { numRuns: 500 },
    );
  });

  it('has its compact pieces written the same in the Lua that expands them (includes/expand-order.lua), those of 2026-12-07 too', () => {
    const lua = readFileSync(new URL('../src/repositories/redis-scripts/includes/expand-order.lua', import.meta.url), 'utf8');
    const pieces = [...lua.matchAll(/\['\\(\d+)'\] = '([^']*)'/g)].map(([, n, piece]) => [Number(n), piece]);
    expect(pieces).toEqual([
      ...Object.values(ORDER_JSON_PIECES).map((piece, i) => [FIRST_PIECE_CODE + i, piece]),
      ...Object.values(EARLIER_ORDER_JSON_PIECES).map((piece, i) => [i + 1, piece]),
    ]);
    expect(lua).toContain("'[\\1-\\8\\14-\\22]'");
  });

  it('reads the first compact form (2026-12-07) as that build stored it, byte for byte', () => {
    const earlier = (o: Order) => {
      const p = Object.values(EARLIER_ORDER_JSON_PIECES).map((_, i) => String.fromCharCode(i + 1));
      const j = JSON.stringify;
      const lines = o.lines.map((l) => `${p[5]}${j(l.code)}${p[6]}${j(l.artGuid)}${p[7]}${j(l.qty)}}`).join(',');
      const expiry = o.expiresAt === undefined ? '' : `${p[2]}${j(o.expiresAt)}`;
      return `${p[0]}${j(o.orderId)}${p[1]}${j(o.lastUpdated)}${expiry}${p[3]}${j(o.type)}${p[4]}${lines}]}`;
    };
    fc.assert(
      fc.property(order, (o) => {
        expect(expandOrderJson(earlier(o))).toBe(generic(o));
        expect(decodeStoredOrder(o.tenantId, earlier(o))).toEqual(o);
        expect(encodeStoredOrder(decodeStoredOrder(o.tenantId, earlier(o)))).toBe(encodeStoredOrder(o));
      }),
      { numRuns: 500 },
    );
  });
});
