import { expandOrderJson, FIRST_PIECE_CODE, ORDER_JSON_PIECES } from '../../domain/events.js';
import type { Order } from '../../domain/order.js';

/** Each piece of ORDER_JSON_PIECES as its control character. */
const P = Object.fromEntries(Object.keys(ORDER_JSON_PIECES).map((name, i) => [name, String.fromCharCode(FIRST_PIECE_CODE + i)])) as Record<
  keyof typeof ORDER_JSON_PIECES,
  string
>;
const TYPE_PIECES: Record<string, string> = { Order: P.typeOrder, Cart: P.typeCart, ExternalOrder: P.typeExternalOrder };

/**
 * The stored form of an order (the value in G:o, and an order event's field `o`): its JSON without
 * tenantId (the key implies it), fields in the contract's order, dates normalised
 * (YYYY-MM-DDTHH:mm:ss.sssZ) so that scripts compare them as strings, and each piece around its
 * values (`{"orderId":"`, `","type":"Order","lines":[`, `{"code":"`... domain/events.ts
 * ORDER_JSON_PIECES) written as one control character, which JSON never holds raw: a string
 * value's quotes are in its pieces, the type is in the piece that opens the lines. ~150 bytes
 * less than the JSON of a 3-line order, and the scripts find a field by one character.
 * `expandOrderJson` gives back, byte for byte, what `JSON.stringify` gives of
 * `{ orderId, lastUpdated, expiresAt, type, lines: [{ code, artGuid, qty }] }` (written here
 * field by field because every write pays for it; test/stored-order.property.test.ts holds the
 * two equal). Scripts never re-encode it: remove-lines-at-origin.lua cuts lines out of it as text,
 * relying on this exact form.
 */
export function encodeStoredOrder(order: Order): string {
  const type = TYPE_PIECES[order.type];
  if (type === undefined) throw new Error(`no stored form for an order of type ${JSON.stringify(order.type)}`);
  let stored = `${P.orderId}${jsonInner(order.orderId)}${P.lastUpdated}${jsonInner(order.lastUpdated)}`;
  if (order.expiresAt !== undefined) stored += `${P.expiresAt}${jsonInner(order.expiresAt)}`;
  stored += type;
  const lines = order.lines;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    stored += `${i === 0 ? '' : ','}${P.code}${jsonInner(line.code)}${P.artGuid}${jsonInner(line.artGuid)}${P.qty}${jsonNumber(line.qty)}}`;
  }
  return `${stored}]}`;
}

/** A string JSON.stringify leaves as it is: no quote, backslash, control character or surrogate. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the characters JSON must escape
const VERBATIM = /^[^"\\\u0000-\u001f\ud800-\udfff]*$/;

/** `JSON.stringify(text)` without its quotes, and without its cost for the GUIDs, dates and codes that need no escaping. */
function jsonInner(text: string): string {
  return VERBATIM.test(text) ? text : JSON.stringify(text).slice(1, -1);
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
