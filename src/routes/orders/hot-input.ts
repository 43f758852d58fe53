import { regexes } from 'zod/v4/core';
import { ORDER_LIMITS, ORDER_TYPES, STOCK_ORIGIN_CODE_PATTERN } from '../../domain/order.js';
import { IDEMPOTENCY_KEY_PATTERN } from '../../domain/idempotency.js';

/**
 * Accept-only checks of the hot routes' input, in front of their zod schemas (routes/schemas.ts):
 * whatever they accept, the schemas accept too, and the handler normalises it the same way
 * (test/hot-input.property.test.ts proves it on generated orders). What they do not accept goes
 * through the schemas, so a refusal is always the schemas' own, with its messages. The schemas
 * stay the source of the OpenAPI document; these only spare the common, valid request the cost of
 * zod and of the validator middlewares (bench/NOTES.md).
 */

const GUID = regexes.guid;
/** zod's z.iso.datetime({ offset: true }) pattern. */
const DATE_TIME = regexes.datetime({ offset: true, local: false, precision: null });
const TENANT_PATH = /^\d{1,10}$/;
const TYPES: ReadonlySet<unknown> = new Set(ORDER_TYPES);

function inYears(iso: string): boolean {
  const year = new Date(iso).getUTCFullYear();
  return year >= ORDER_LIMITS.minYear && year <= ORDER_LIMITS.maxYear;
}

/** A date the schema takes: an ISO-8601 date-time with Z or an offset, between the years allowed. */
export function acceptsDateTime(value: unknown): value is string {
  if (typeof value !== 'string' || !DATE_TIME.test(value)) return false;
  // A UTC date names its year in its first four digits: no Date needed.
  if (value.charCodeAt(value.length - 1) !== 90 /* Z */) return inYears(value);
  const year = Number(value.slice(0, 4));
  return year >= ORDER_LIMITS.minYear && year <= ORDER_LIMITS.maxYear;
}

/** The path's tenant id, as TenantParamSchema gives it; undefined: let the schema answer. */
export function acceptTenantId(value: string | undefined): number | undefined {
  if (value === undefined || !TENANT_PATH.test(value)) return undefined;
  const id = Number(value);
  return id <= ORDER_LIMITS.maxTenantId ? id : undefined;
}

/** A path GUID, lower-cased as pathGuid gives it; undefined: let the schema answer. */
export function acceptGuid(value: string | undefined): string | undefined {
  return value !== undefined && GUID.test(value) ? value.toLowerCase() : undefined;
}

export function acceptsCode(value: unknown): value is string {
  return (
    typeof value === 'string' && value.length >= 1 && value.length <= ORDER_LIMITS.maxCodeLength && STOCK_ORIGIN_CODE_PATTERN.test(value)
  );
}

/** An Idempotency-Key header the schema takes (absent is fine). */
export function acceptsIdempotencyKey(value: string | undefined): boolean {
  return value === undefined || IDEMPOTENCY_KEY_PATTERN.test(value);
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Whether OrderSchema takes the body as it is. The body is then handed to the handler as the
 * schema's output would be: its unknown fields are left for acceptOrder to drop, as it keeps only
 * the contract's fields.
 */
export function acceptsOrderBody(body: unknown): boolean {
  if (!isObject(body)) return false;
  const { orderId, tenantId, lastUpdated, expiresAt, type, lines } = body;
  if (typeof orderId !== 'string' || !GUID.test(orderId)) return false;
  if (typeof tenantId !== 'number' || !Number.isInteger(tenantId) || tenantId < 0 || tenantId > ORDER_LIMITS.maxTenantId) return false;
  if (!acceptsDateTime(lastUpdated)) return false;
  if (expiresAt !== undefined && expiresAt !== null && !acceptsDateTime(expiresAt)) return false;
  if (!TYPES.has(type)) return false;
  if (!Array.isArray(lines) || lines.length < 1 || lines.length > ORDER_LIMITS.maxLinesPerOrder) return false;
  for (const line of lines) {
    if (!isObject(line)) return false;
    const { code, artGuid, qty } = line;
    if (!acceptsCode(code)) return false;
    if (typeof artGuid !== 'string' || !GUID.test(artGuid)) return false;
    if (typeof qty !== 'number' || !Number.isInteger(qty) || qty <= 0 || qty > ORDER_LIMITS.maxQtyPerLine) return false;
  }
  return true;
}
