/**
 * What an event of the change feed is. Each change of a tenant's orders appends one event to the
 * tenant's feed, in the same atomic step as the change; the feed keeps them in order, each under
 * an id that only grows (`<milliseconds>-<sequence>`), for a bounded time.
 */
import { DomainError } from './errors.js';

export const EVENT_TYPES = [
  'order.created',
  'order.updated',
  'order.lines_removed',
  'order.deleted',
  'order.expired',
  'orders.replaced',
  'stock_origin.saturation',
  'stock.out',
  'stock.back',
] as const;

export type EventType = (typeof EVENT_TYPES)[number];

export const isEventType = (value: string): value is EventType => (EVENT_TYPES as readonly string[]).includes(value);

/** An event as consumers see it (feed page, Server-Sent Event, webhook body). */
export interface FeedEvent {
  /** Its id in the feed: ordered, `<ms>-<seq>`; the cursor to continue after it. */
  id: string;
  type: string;
  /** When it was appended (the milliseconds of its id), ISO 8601 UTC. */
  at: string;
  tenantId: number;
  data: unknown;
}

/** An event as the feed stores it: `data` is JSON text, passed on as is. */
export interface StoredEvent {
  id: string;
  type: string;
  data: string;
}

/** `<ms>-<seq>`: a feed id (and cursor). `0-0` is before every event. */
export const EVENT_ID_PATTERN = /^\d{1,16}-\d{1,16}$/;
export const FEED_START = '0-0';

export interface EventId {
  ms: number;
  seq: number;
}

export function parseEventId(id: string): EventId {
  const dash = id.indexOf('-');
  return { ms: Number(id.slice(0, dash)), seq: Number(id.slice(dash + 1)) };
}

/** Negative, zero or positive as `a` comes before, is, or comes after `b` in the feed. */
export function compareEventIds(a: string, b: string): number {
  const x = parseEventId(a);
  const y = parseEventId(b);
  return x.ms - y.ms || x.seq - y.seq;
}

/** When the event with this id was appended. */
export function eventTime(id: string): string {
  return new Date(parseEventId(id).ms).toISOString();
}

/**
 * The pieces of an order's JSON (its keys, and the punctuation and quotes around its values) that
 * its stored form (repositories/orders/stored-order.ts), and so an order event's (field `o` of a
 * feed entry), writes as the control characters 14 to 22, in this order: JSON never holds those
 * raw (a string escapes them), so each one found is a piece. A string value's quotes belong to the
 * pieces around it, and the type, one of three, is in the piece that opens the lines. An order then
 * takes ~150 bytes less of Redis than its JSON, and so does its event (bench/NOTES.md).
 * redis-scripts/includes/expand-order.lua reads it the same way, the other scripts by these
 * characters (includes/decode-stored.lua, line-spans.lua, stored-date.lua).
 */
export const ORDER_JSON_PIECES = {
  orderId: '{"orderId":"',
  lastUpdated: '","lastUpdated":"',
  expiresAt: '","expiresAt":"',
  typeOrder: '","type":"Order","lines":[',
  typeCart: '","type":"Cart","lines":[',
  typeExternalOrder: '","type":"ExternalOrder","lines":[',
  code: '{"code":"',
  artGuid: '","artGuid":"',
  qty: '","qty":',
} as const;

/** The control character of ORDER_JSON_PIECES' first piece (the others follow it). */
export const FIRST_PIECE_CODE = 14;

/**
 * The pieces builds of 2026-12-07 wrote as the control characters 1 to 8, the values' quotes left
 * in the text: orders stored so are converted at start (migrations/compact-stored-orders.ts);
 * events they appended are read as they are.
 */
export const EARLIER_ORDER_JSON_PIECES = {
  orderId: '{"orderId":',
  lastUpdated: ',"lastUpdated":',
  expiresAt: ',"expiresAt":',
  type: ',"type":',
  lines: ',"lines":[',
  code: '{"code":',
  artGuid: ',"artGuid":',
  qty: ',"qty":',
} as const;

/** Every piece by its control character's code. */
const PIECE_TEXTS: readonly string[] = (() => {
  const texts: string[] = [];
  Object.values(EARLIER_ORDER_JSON_PIECES).forEach((piece, i) => {
    texts[i + 1] = piece;
  });
  Object.values(ORDER_JSON_PIECES).forEach((piece, i) => {
    texts[FIRST_PIECE_CODE + i] = piece;
  });
  return texts;
})();
// biome-ignore lint/suspicious/noControlCharactersInRegex: the compact forms' pieces
const COMPACT_PIECE = /[\u0001-\u0008\u000e-\u0016]/g;

/**
 * An order's compact JSON (stored, or an event's `o` and `lines`) as the JSON it stands for, byte
 * for byte, whichever build wrote it. Plain JSON holds no piece and comes back as it is.
 */
export function expandOrderJson(compact: string): string {
  return compact.replace(COMPACT_PIECE, (piece) => PIECE_TEXTS[piece.charCodeAt(0)]!);
}

/**
 * The type and data (JSON text) of a feed entry as the order scripts append it
 * (redis-scripts/includes/emit.lua): `type` and `data`; or `type` and the data's members as
 * fields of their own, the scripts sparing themselves building the JSON: `o` is the order's stored
 * form (compact: ORDER_JSON_PIECES) without its tenant, `order` the same as plain JSON (as builds
 * before the compact form wrote it; null when absent from an `order.lines_removed`), `lines` the
 * removed lines, compact or plain JSON; any other field a string.
 */
export function entryEvent(tenantId: number, id: string, fields: readonly string[]): StoredEvent {
  let type = '';
  let data: string | null = null;
  const members: string[] = [];
  let hasOrder = false;
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const [name, value] = [fields[i]!, fields[i + 1]!];
    if (name === 'type') type = value;
    else if (name === 'data') data = value;
    else if (name === 'order' || name === 'o') {
      hasOrder = true;
      const order = expandOrderJson(value);
      members.push(`"order":{"tenantId":${tenantId}${order.length > 2 ? ',' : ''}${order.slice(1)}`);
    } else if (name === 'lines') members.push(`"lines":${expandOrderJson(value)}`);
    else members.push(`${JSON.stringify(name)}:${JSON.stringify(value)}`);
  }
  if (data === null) {
    if (type === 'order.lines_removed' && !hasOrder) members.push('"order":null');
    data = `{${members.join(',')}}`;
  }
  return { id, type, data };
}

/** The event as consumers see it. `data` that is not JSON (never written so) is passed as text. */
export function toFeedEvent(tenantId: number, stored: StoredEvent): FeedEvent {
  let data: unknown;
  try {
    data = JSON.parse(stored.data);
  } catch {
    data = stored.data;
  }
  return { id: stored.id, type: stored.type, at: eventTime(stored.id), tenantId, data };
}

/**
 * The event as a webhook body: the same JSON as the feed's, with `data` copied byte for byte
 * from the feed (a signature covers these exact bytes, so the body is built once per delivery
 * and is the same on every attempt).
 */
export function eventBody(tenantId: number, stored: StoredEvent): string {
  const id = JSON.stringify(stored.id);
  return `{"id":${id},"type":${JSON.stringify(stored.type)},"at":"${eventTime(stored.id)}","tenantId":${tenantId},"data":${stored.data}}`;
}

/** The consumer's cursor is older than the oldest event kept: it missed events and must resynchronise. */
export class CursorExpired extends DomainError {
  constructor(cursor: string, reason: string) {
    super(
      'CURSOR_EXPIRED',
      `events after ${cursor} are no longer all kept (${reason}): resynchronise (read the ` +
        `current state), then follow the feed from its newest event`,
      {
        cursor,
      },
    );
  }
}

/** One page of the feed: the events after the cursor, and where to continue. */
export interface FeedPage {
  events: FeedEvent[];
  /** Pass it as `after` to get the events that follow (the last event's id, or the cursor given). */
  nextCursor: string;
}

/** Where the feed is kept (Redis). */
export interface EventFeedStore {
  /** Events after `after` (null: from the oldest kept), at most `limit`; throws CursorExpired. */
  readEvents(tenantId: number, after: string | null, limit: number): Promise<{ events: StoredEvent[]; newestId: string }>;
  /** The id of the newest event kept, `0-0` when there is none. */
  newestEventId(tenantId: number): Promise<string>;
  /** Drops the events appended before `keepFromMs`, never the newest; answers how many. */
  /** Drops the events before `keepFromMs`, and the oldest beyond `maxBytes` of them (0: no limit), never the newest. */
  trimEvents(tenantId: number, keepFromMs: number, maxBytes?: number): Promise<number>;
}

/** A batch of new events of one tenant, as a watcher saw them: the events after `after`, in order. */
export interface EventBatch {
  after: string;
  events: StoredEvent[];
}

/** Tells its listeners about each tenant's new events as they are appended. */
export interface EventWatcher {
  /**
   * Calls `listener` with each batch of the tenant's new events after `position` (the newest id
   * when watching started), and with null when the watcher closes (shutdown).
   */
  watch(tenantId: number, listener: (batch: EventBatch | null) => void): Promise<{ position: string; stop(): void }>;
}

/** The feed's page: events after the cursor, at most `limit`. */
export async function readFeedPage(store: EventFeedStore, tenantId: number, after: string | null, limit: number): Promise<FeedPage> {
  const { events, newestId } = await store.readEvents(tenantId, after, limit);
  const last = events.at(-1);
  return {
    events: events.map((e) => toFeedEvent(tenantId, e)),
    // An empty page without a cursor continues from the newest event appended (none missed since).
    nextCursor: last ? last.id : (after ?? newestId),
  };
}

export interface EventSettings {
  /** None older than this is kept (but always the newest). */
  retentionMs: number;
  sseHeartbeatMs: number;
  /** Redis Cluster: how often a replica reads the tenants it follows. */
  pollIntervalMs: number;
  /** Each tenant keeps at most about this many bytes of events (the oldest go at the next trim); 0: no limit. */
  maxBytesPerTenant: number;
}

/** Drops every tenant's events older than the retention (never a tenant's newest); answers how many. */
export async function trimEventFeeds(
  deps: { feed: EventFeedStore; tenants: { listTenants(): Promise<number[]> }; clock: () => number },
  retentionMs: number,
  moreTenants: number[] = [],
  maxBytesPerTenant = 0,
): Promise<number> {
  const tenants = new Set([...(await deps.tenants.listTenants()), ...moreTenants]);
  const keepFromMs = deps.clock() - retentionMs;
  let dropped = 0;
  for (const tenantId of tenants) dropped += await deps.feed.trimEvents(tenantId, keepFromMs, maxBytesPerTenant);
  return dropped;
}
