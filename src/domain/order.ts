/**
 * What an order is. An Order belongs to one tenant and reserves, line by line, a quantity of an
 * article at a stock origin. Orders and carts with an `expiresAt` in the past no longer exist.
 */
import { DuplicateOrderId, TenantMismatch } from './errors.js';

export const ORDER_TYPES = ['Order', 'Cart', 'ExternalOrder'] as const;
export type OrderType = (typeof ORDER_TYPES)[number];

export interface OrderLine {
  code: string;
  artGuid: string;
  qty: number;
}

export interface Order {
  orderId: string;
  tenantId: number;
  /** ISO-8601, normalised to `YYYY-MM-DDTHH:mm:ss.sssZ` so that string order is time order. */
  lastUpdated: string;
  expiresAt?: string;
  type: OrderType;
  lines: OrderLine[];
}

/** Limits that keep every figure exact (reserved sums stay below 2^53) and every request bounded. */
export const ORDER_LIMITS = {
  maxTenantId: 2_147_483_647,
  maxLinesPerOrder: 5_000,
  maxQtyPerLine: 1_000_000_000,
  maxCodeLength: 128,
  minYear: 1970,
  maxYear: 9999,
} as const;

/**
 * A stock-origin code is free text chosen by the retailer (`FRA:MAG:0125`). It is stored as data
 * and never interpreted as a pattern; control characters are refused so it cannot forge log lines.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the point is to refuse control characters
export const STOCK_ORIGIN_CODE_PATTERN = /^[^\u0000-\u001f\u007f]+$/;

/** A date already in the stored form: nothing to normalise (the common case, parsed without a Date). */
const NORMALISED_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** An ISO-8601 date (valid: checked by the caller) in the stored form, UTC with milliseconds. */
export function normalizeDate(iso: string): string {
  return NORMALISED_DATE.test(iso) ? iso : new Date(iso).toISOString();
}

export function isExpired(order: Pick<Order, 'expiresAt'>, now: number): boolean {
  return order.expiresAt !== undefined && Date.parse(order.expiresAt) <= now;
}

/**
 * Normalises dates so that stored orders compare by string and answer in one format (GUIDs in
 * lower case; an `expiresAt` of null is no expiry).
 */
export function normalizeOrder(order: OrderSubmission): Order {
  const normalized: Order = {
    orderId: order.orderId.toLowerCase(),
    tenantId: order.tenantId,
    lastUpdated: normalizeDate(order.lastUpdated),
    type: order.type,
    lines: order.lines.map((line) => ({ code: line.code, artGuid: line.artGuid.toLowerCase(), qty: line.qty })),
  };
  if (order.expiresAt != null) normalized.expiresAt = normalizeDate(order.expiresAt);
  return normalized;
}

/** An order as a client sends it, once its shape is checked: `expiresAt: null` means no expiry. */
export type OrderSubmission = Omit<Order, 'expiresAt'> & { expiresAt?: string | null };

/**
 * The order to store from one sent to tenant `tenantId`: it must be that tenant's (`field` names
 * where its tenantId sits in the body), and is normalised.
 */
export function acceptOrder(submission: OrderSubmission, tenantId: number, field = 'tenantId'): Order {
  if (submission.tenantId !== tenantId) throw new TenantMismatch(tenantId, submission.tenantId, field);
  return normalizeOrder(submission);
}

/**
 * A tenant's whole new order set, accepted element by element in body order: each must be the
 * tenant's, and no orderId may appear twice (after normalisation: GUIDs compare in lower case).
 */
export class OrderSetIntake {
  private readonly firstIndexOf = new Map<string, number>();

  constructor(readonly tenantId: number) {}

  /** The normalised order of element `index`; throws TenantMismatch or DuplicateOrderId. */
  accept(submission: OrderSubmission, index: number): Order {
    const order = acceptOrder(submission, this.tenantId, `[${index}].tenantId`);
    const first = this.firstIndexOf.get(order.orderId);
    if (first !== undefined) throw new DuplicateOrderId(index, first);
    this.firstIndexOf.set(order.orderId, index);
    return order;
  }
}
