import { expandOrderJson, ORDER_JSON_PIECES } from '../../domain/events.js';
import type { Order } from '../../domain/order.js';

/** The pieces of the stored JSON around its values: as JSON writes them, or their compact form. */
type Pieces = Record<keyof typeof ORDER_JSON_PIECES, string>;
const COMPACT_PIECES = Object.fromEntries(Object.keys(ORDER_JSON_PIECES).map((name, i) => [name, String.fromCharCode(i + 1)])) as Pieces;

/**
 * The stored form of an order (the value in G:o, and an order event's field `o`): its JSON without
 * tenantId (the key implies it), fields in the contract's order, dates normalised
 * (YYYY-MM-DDTHH:mm:ss.sssZ) so that scripts compare them as strings, and each of the eight pieces
 * around its values (`{"orderId":`, `,"lines":[`, `{"code":`... domain/events.ts
 * ORDER_JSON_PIECES) written as one control character, which JSON never holds raw: ~120 bytes
 * less per 3-line order, and the scripts find a field by one character. `expandOrderJson` gives
 * back, byte for byte, what `JSON.stringify` gives of
 * `{ orderId, lastUpdated, expiresAt, type, lines: [{ code, artGuid, qty }] }` (written here
 * field by field because every write pays for it; test/stored-order.property.test.ts holds the
 * two equal). Scripts never re-encode it: remove-lines-at-origin.lua cuts lines out of it as text,
 * relying on this exact form.
 */
export function encodeStoredOrder(order: Order): string {
  return writeOrder(order, COMPACT_PIECES);
}

function writeOrder(order: Order, p: Pieces): string {
  let json = `${p.orderId}${jsonString(order.orderId)}${p.lastUpdated}${jsonString(order.lastUpdated)}`;
  if (order.expiresAt !== undefined) json += `${p.expiresAt}${jsonString(order.expiresAt)}`;
  json += `${p.type}${jsonString(order.type)}${p.lines}`;
  const lines = order.lines;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    json += `${i === 0 ? '' : ','}${p.code}${jsonString(line.code)}${p.artGuid}${jsonString(line.artGuid)}${p.qty}${jsonNumber(line.qty)}}`;
  }
  return `${json}]}`;
}

/** A string JSON.stringify leaves as it is: no quote, backslash, control character or surrogate. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the characters JSON must escape
const VERBATIM = /^[^"\\\u0000-\u001f\ud800-\udfff]*$/;

/** `JSON.stringify(text)`, without its cost for the GUIDs, dates and codes that need no escaping. */
function jsonString(text: string): string {
  return VERBATIM.test(text) ? `"${text}"` : JSON.stringify(text);
}

/** `JSON.stringify(n)`: the number's own text, `null` for what JSON cannot hold. */
function jsonNumber(n: number): string {
  return Number.isFinite(n) ? String(n) : 'null';
}

/**
 * The Order's JSON as served, from its stored form, without parsing it. A value stored as plain
 * JSON by a build before the compact form (migrations/compact-stored-orders.ts) reads the same.
 */
export function storedOrderToJson(tenantId: number, stored: string): string {
  return `{"tenantId":${tenantId},${expandOrderJson(stored).slice(1)}`;
}

export function decodeStoredOrder(tenantId: number, stored: string): Order {
  const { orderId, lastUpdated, expiresAt, type, lines } = JSON.parse(expandOrderJson(stored)) as Omit<Order, 'tenantId'>;
  const order: Order = { orderId, tenantId, lastUpdated, type, lines };
  if (expiresAt !== undefined) order.expiresAt = expiresAt;
  return order;
}
