/**
 * The hot routes' accept-only checks (src/routes/orders/hot-input.ts) never take what the zod
 * schemas refuse, and what they take is normalised as the schemas' output is: generated valid and
 * near-valid orders, dates, ids and codes, each checked both ways. (A refusal always comes from
 * the schemas: the checks only decide whether they need to run.)
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { acceptOrder, STOCK_ORIGIN_CODE_PATTERN } from '../src/domain/order.js';
import {
  acceptGuid,
  acceptsCode,
  acceptsDateTime,
  acceptsIdempotencyKey,
  acceptsOrderBody,
  acceptTenantId,
} from '../src/routes/orders/hot-input.js';
import { IdempotencyHeaderSchema } from '../src/routes/idempotency.js';
import { OrderParamSchema, OrderSchema, StockOriginCodeSchema, TenantParamSchema } from '../src/routes/schemas.js';

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

const order = (tenantId: number) => fc.oneof(validOrder(tenantId), nearValidOrder(tenantId), nearValidOrder(tenantId));

const runs = { numRuns: 3000 };

describe('the hot routes accept-only checks', () => {
  it('take an order body only when OrderSchema does, and normalise it the same way', () => {
    const tenantId = 42;
    let taken = 0;
    fc.assert(
      fc.property(order(tenantId), (body) => {
        if (!acceptsOrderBody(body)) return;
        taken += 1;
        const parsed = OrderSchema.safeParse(body);
        expect(parsed.success, JSON.stringify(body)).toBe(true);
        if (body.tenantId !== tenantId) return;
        expect(acceptOrder(body as never, tenantId)).toEqual(acceptOrder(parsed.data!, tenantId));
      }),
      runs,
    );
    // The generators reach the accepted side too, or the property would prove nothing.
    expect(taken).toBeGreaterThan(50);
  });

  it('take a date only when the schema does', () => {
    fc.assert(
      fc.property(dateTime, (value) => {
        expect(acceptsDateTime(value), value).toBe(OrderSchema.shape.lastUpdated.safeParse(value).success);
      }),
      runs,
    );
  });

  it('take path ids, codes and idempotency keys only when their schemas do, with the same value', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.nat().map(String), fc.constantFrom('2147483647', '2147483648', '00042', '-1', '1e3', '', '12345678901')),
        guid,
        code,
        (tenant, id, origin) => {
          const tenantParsed = TenantParamSchema.safeParse({ tenantId: tenant });
          const fastTenant = acceptTenantId(tenant);
          if (fastTenant !== undefined) expect(tenantParsed.success && tenantParsed.data.tenantId).toBe(fastTenant);
          const idParsed = OrderParamSchema.safeParse({ tenantId: '1', orderId: id });
          const fastId = acceptGuid(id);
          if (fastId !== undefined) expect(idParsed.success && idParsed.data.orderId).toBe(fastId);
          // The schema counts code points, the check UTF-16 units: it may leave a long emoji code to the schema.
          if (acceptsCode(origin)) expect(StockOriginCodeSchema.safeParse(origin).success, origin).toBe(true);
        },
      ),
      runs,
    );
    for (const key of [undefined, 'k', 'a b', 'é', '\t', 'x'.repeat(255), 'x'.repeat(256), '']) {
      if (acceptsIdempotencyKey(key)) expect(IdempotencyHeaderSchema.safeParse({ 'idempotency-key': key }).success, String(key)).toBe(true);
    }
  });
});
