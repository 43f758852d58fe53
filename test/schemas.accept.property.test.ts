/**
 * The accept-only parsers compiled from the zod schemas (src/schemas/accept.ts), which the hot
 * routes run before the schemas (src/routes/fast-validation.ts), never take what a schema refuses,
 * and what they take they give as the schema's output: generated valid and near-valid orders,
 * dates, ids, codes and headers, each parsed both ways. (A refusal always comes from the schemas:
 * the parsers only decide whether they need to run.)
 */
import { z } from '@hono/zod-openapi';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { STOCK_ORIGIN_CODE_PATTERN } from '../src/domain/order.js';
import { compileAccept, REFUSED } from '../src/schemas/accept.js';
import { IdempotencyHeaderSchema } from '../src/routes/idempotency.js';
import { UpsertHeadersSchema } from '../src/routes/orders/orders.routes.js';
import { CodeParamSchema, OrderParamSchema, OrderSchema, TenantParamSchema } from '../src/schemas/common.js';

/** Whatever the parser takes, the schema takes too, giving the same output. */
function agrees<T extends z.ZodType>(schema: T) {
  const accept = compileAccept(schema);
  return (value: unknown): boolean => {
    const fast = accept(value);
    if (fast === REFUSED) return false;
    const parsed = schema.safeParse(value);
    expect(parsed.success, JSON.stringify(value)).toBe(true);
    expect(fast, JSON.stringify(value)).toEqual(parsed.data);
    return true;
  };
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** Dates of every shape near the schema's: offsets, precisions, out-of-range fields and years. */
const dateTime = fc
  .record({
    year: fc.oneof(fc.integer({ min: 1965, max: 2100 }), fc.constantFrom(1969, 1970, 9999, 10000, 0)),
    month: fc.integer({ min: 0, max: 13 }),
    day: fc.integer({ min: 0, max: 32 }),
    hour: fc.integer({ min: 0, max: 25 }),
    minute: fc.integer({ min: 0, max: 61 }),
    second: fc.integer({ min: 0, max: 61 }),
    fraction: fc.constantFrom('', '.1', '.12', '.123', '.1234567', '.'),
    zone: fc.constantFrom('Z', 'z', '+00:00', '-05:30', '+14:00', '+24:00', '+0100', '', ' Z'),
    separator: fc.constantFrom('T', 'T', 'T', ' ', 't'),
  })
  .map(
    ({ year, month, day, hour, minute, second, fraction, zone, separator }) =>
      `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}${separator}${pad(hour, 2)}:${pad(minute, 2)}:${pad(second, 2)}${fraction}${zone}`,
  );

const guid = fc.oneof(
  fc.uuid(),
  fc.uuid().map((g) => g.toUpperCase()),
  fc.uuid().map((g) => g.slice(1)),
  fc.uuid().map((g) => g.replace(/-/g, '')),
  fc.constant('3fa85f64-5717-4562-b3fc-2c963f66afa6 '),
  fc.constant('gfa85f64-5717-4562-b3fc-2c963f66afa6'),
);

const code = fc.oneof(
  fc.string({ minLength: 1, maxLength: 20 }),
  fc.constantFrom('', 'FRA:MAG:0125', 'A\nB', 'x'.repeat(128), 'x'.repeat(129), '😀'.repeat(64), '😀'.repeat(65), 'A\u007f', '*'),
);

const qty = fc.oneof(
  fc.integer({ min: 1, max: 1000 }),
  fc.constantFrom(0, -1, 1.5, 1_000_000_000, 1_000_000_001, Number.MAX_SAFE_INTEGER, NaN),
  fc.constantFrom('1', null, true),
);

/** A valid order of the tenant (dates and ids in every accepted form, unknown fields added). */
const validDate = fc
  .record({ ms: fc.integer({ min: Date.UTC(1970, 0, 2), max: Date.UTC(9998, 11, 30) }), form: fc.constantFrom('iso', 'seconds', 'offset') })
  .map(({ ms, form }) => {
    const iso = new Date(ms).toISOString();
    if (form === 'seconds') return iso.replace(/\.\d{3}Z$/, 'Z');
    if (form === 'offset') return new Date(ms + 3_600_000).toISOString().replace('Z', '+01:00');
    return iso;
  });
const validLine = fc.record({
  code: fc.oneof(
    fc.constantFrom('FRA:MAG:0125', 'x'.repeat(128), '*', 'ü€'),
    fc.string({ minLength: 1, maxLength: 30 }).filter((c) => STOCK_ORIGIN_CODE_PATTERN.test(c)),
  ),
  artGuid: fc.oneof(
    fc.uuid(),
    fc.uuid().map((g) => g.toUpperCase()),
  ),
  qty: fc.oneof(fc.integer({ min: 1, max: 1000 }), fc.constant(1_000_000_000)),
});
const validOrder = (tenantId: number) =>
  fc.record(
    {
      orderId: fc.oneof(
        fc.uuid(),
        fc.uuid().map((g) => g.toUpperCase()),
      ),
      tenantId: fc.constant(tenantId),
      lastUpdated: validDate,
      expiresAt: fc.oneof(validDate, fc.constant(null)),
      type: fc.constantFrom('Order', 'Cart', 'ExternalOrder'),
      lines: fc.array(
        validLine.chain((l) => fc.constantFrom(l, { ...l, extra: 1 })),
        { minLength: 1, maxLength: 5 },
      ),
      note: fc.string(),
    },
    { requiredKeys: ['orderId', 'tenantId', 'lastUpdated', 'type', 'lines'] },
  );

/** A valid order with one field replaced by a near-valid or wrong value. */
const nearValidOrder = (tenantId: number) =>
  fc
    .record({
      order: validOrder(tenantId),
      field: fc.constantFrom(
        'orderId',
        'tenantId',
        'lastUpdated',
        'expiresAt',
        'type',
        'lines',
        'line.code',
        'line.artGuid',
        'line.qty',
        'line',
      ),
      date: dateTime,
      id: guid,
      origin: code,
      units: qty,
      tenant: fc.constantFrom(tenantId + 1, -1, 2 ** 31, 1.5, String(tenantId)),
      type: fc.constantFrom('order', 'Basket', 3),
    })
    .map(({ order, field, date, id, origin, units, tenant, type }) => {
      const mutated: Record<string, unknown> = structuredClone(order);
      const lines = mutated.lines as Record<string, unknown>[];
      if (field === 'orderId') mutated.orderId = id;
      if (field === 'tenantId') mutated.tenantId = tenant;
      if (field === 'lastUpdated') mutated.lastUpdated = date;
      if (field === 'expiresAt') mutated.expiresAt = date;
      if (field === 'type') mutated.type = type;
      if (field === 'lines') mutated.lines = lines.length > 1 ? [] : Array.from({ length: 5001 }, () => lines[0]);
      if (field === 'line.code') lines[0]!.code = origin;
      if (field === 'line.artGuid') lines[0]!.artGuid = id;
      if (field === 'line.qty') lines[0]!.qty = units;
      if (field === 'line') lines[0] = 'line' as never;
      return mutated;
    });

const runs = { numRuns: 3000 };

describe('the accept-only parsers compiled from the schemas', () => {
  it('take an order body only when OrderSchema does, with its output', () => {
    const order = (tenantId: number) => fc.oneof(validOrder(tenantId), nearValidOrder(tenantId), nearValidOrder(tenantId));
    const check = agrees(OrderSchema);
    let taken = 0;
    fc.assert(
      fc.property(order(42), (body) => {
        if (check(body)) taken += 1;
      }),
      runs,
    );
    // The generators reach the accepted side too, or the property would prove nothing.
    expect(taken).toBeGreaterThan(50);
  });

  it('take every valid order', () => {
    const accept = compileAccept(OrderSchema);
    fc.assert(
      fc.property(validOrder(7), (body) => {
        expect(accept(body), JSON.stringify(body)).not.toBe(REFUSED);
      }),
      { numRuns: 500 },
    );
  });

  it('take a date only when the schema does, and everything the schema takes', () => {
    const accept = compileAccept(OrderSchema.shape.lastUpdated);
    fc.assert(
      fc.property(dateTime, (value) => {
        expect(accept(value) !== REFUSED, value).toBe(OrderSchema.shape.lastUpdated.safeParse(value).success);
      }),
      runs,
    );
  });

  it('take path ids, codes and headers only when their schemas do, with the same value', () => {
    const params = agrees(OrderParamSchema.extend(CodeParamSchema.shape));
    const tenant = agrees(TenantParamSchema);
    const headers = agrees(UpsertHeadersSchema);
    fc.assert(
      fc.property(
        fc.oneof(fc.nat().map(String), fc.constantFrom('2147483647', '2147483648', '00042', '-1', '1e3', '', '12345678901')),
        guid,
        code,
        fc.constantFrom(undefined, 'k', 'a b', 'é', '\t', 'x'.repeat(255), 'x'.repeat(256), ''),
        fc.constantFrom(undefined, 'always', 'if-available', 'never', ''),
        (tenantId, orderId, origin, key, policy) => {
          tenant({ tenantId });
          params({ tenantId, orderId, code: origin });
          headers({ 'idempotency-key': key, 'reservation-policy': policy });
          headers({ ...(key === undefined ? {} : { 'idempotency-key': key }) });
        },
      ),
      runs,
    );
    expect(compileAccept(IdempotencyHeaderSchema)({})).toEqual({});
  });

  it('refuse to compile a schema they cannot follow, rather than skip its rules', () => {
    expect(() => compileAccept(z.object({ a: z.string() }).strict())).toThrow(/catchall/);
    expect(() => compileAccept(z.union([z.string(), z.number()]))).toThrow(/union/);
    expect(() => compileAccept(z.coerce.number())).toThrow(/coercing/);
    // A check of a kind it does not know is run by zod's own code, not skipped.
    const even = compileAccept(z.number().refine((n) => n % 2 === 0));
    expect(even(2)).toBe(2);
    expect(even(3)).toBe(REFUSED);
    expect(compileAccept(z.string().email())('a@example.com')).toBe('a@example.com');
    expect(compileAccept(z.string().email())('nope')).toBe(REFUSED);
  });
});
