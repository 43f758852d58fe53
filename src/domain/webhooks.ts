/**
 * What a webhook is: an endpoint a tenant registers (a URL and the event types it wants), the
 * deliveries of events to it, the retry schedule of a delivery that fails, and the signature a
 * receiver checks (Standard Webhooks, https://www.standardwebhooks.com).
 */
import { createHmac, randomBytes } from 'node:crypto';
import { BlockList, isIP } from 'node:net';
import { formatDuration, parseDuration } from './durations.js';
import type { EventType } from './events.js';

/** What the tenant sets: `paused` keeps the endpoint's deliveries queued until it is resumed. */
export type EndpointSetting = 'active' | 'paused';
/** What the endpoint is: `disabled` when it failed for too long (re-enable with status `active`). */
export type EndpointStatus = EndpointSetting | 'disabled';

export const ENDPOINT_ID_PATTERN = /^ep_[A-Za-z0-9_-]{22}$/;
export const MAX_ENDPOINTS_PER_TENANT = 50;
export const MAX_URL_LENGTH = 2048;

/** An endpoint as the tenant defined it (what MongoDB keeps). */
export interface WebhookEndpoint {
  id: string;
  tenantId: number;
  url: string;
  events: EventType[];
  description: string | null;
  status: EndpointSetting;
  /** The signing secret, `whsec_<base64>`: shown once, at creation. */
  secret: string;
  createdAt: string;
  updatedAt: string;
}

/** What the deliveries did to the endpoint (kept by the dispatcher's atomic steps). */
export interface EndpointHealth {
  /** The first failed attempt since the last success (null: the last attempt succeeded). */
  failingSince: string | null;
  disabledAt: string | null;
  disabledReason: string | null;
}

/** An endpoint as the API shows it: never its secret. */
export interface EndpointView extends Omit<WebhookEndpoint, 'secret' | 'status'>, EndpointHealth {
  status: EndpointStatus;
}

export function endpointView(endpoint: WebhookEndpoint, health: EndpointHealth): EndpointView {
  const { secret: _secret, ...rest } = endpoint;
  return { ...rest, ...health, status: health.disabledAt ? 'disabled' : endpoint.status };
}

export function newEndpointId(): string {
  return `ep_${randomBytes(16).toString('base64url')}`;
}

/** A Standard Webhooks secret: `whsec_` and the base64 of 32 random bytes. */
export function newSigningSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

/**
 * The `webhook-signature` header of a delivery: `v1,` and the base64 HMAC-SHA256, keyed by the
 * secret's bytes, of `<webhook-id>.<webhook-timestamp>.<body>`.
 */
export function signWebhook(secret: string, webhookId: string, timestampSeconds: number, body: string): string {
  const key = Buffer.from(secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret, 'base64');
  return `v1,${createHmac('sha256', key).update(`${webhookId}.${timestampSeconds}.${body}`).digest('base64')}`;
}

/** The headers of one delivery attempt (a new timestamp, hence a new signature, per attempt). */
export function webhookHeaders(secret: string, webhookId: string, timestampSeconds: number, body: string): Record<string, string> {
  return {
    'content-type': 'application/json',
    'webhook-id': webhookId,
    'webhook-timestamp': String(timestampSeconds),
    'webhook-signature': signWebhook(secret, webhookId, timestampSeconds, body),
  };
}

/** `webhook-id`: the same for every attempt and every endpoint of one event, unique across tenants. */
export function webhookMessageId(tenantId: number, eventId: string): string {
  return `evt_${tenantId}_${eventId}`;
}

// --- The retry schedule -------------------------------------------------------------------

/** Svix's: immediately, then 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h (8 attempts over ~27.6 h). */
export const DEFAULT_RETRY_SCHEDULE_MS = [0, 5000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000];
/** Each delay is varied by up to this fraction either way, so that retries of many deliveries spread out. */
export const RETRY_JITTER = 0.2;

/** `0s,5s,5m` → delays in ms, or a message saying what is wrong. */
export function parseRetrySchedule(text: string): number[] | string {
  const parts = text.split(',').map((p) => p.trim());
  if (parts.length < 1 || parts.length > 30) return 'must list 1 to 30 comma-separated durations, such as 0s,5s,5m,30m,2h';
  const delays: number[] = [];
  for (const part of parts) {
    const ms = parseDuration(part);
    if (ms === null) return `"${part}" is not a duration (use ms, s, m, h or d, such as 5s or 30m)`;
    delays.push(ms);
  }
  return delays;
}

export function formatRetrySchedule(schedule: readonly number[]): string {
  return schedule.map(formatDuration).join(',');
}

/**
 * How long after a failed attempt the next one is made, `attemptsMade` attempts having failed;
 * null when the schedule is spent (the delivery has failed). The delay of the schedule varies by
 * ±20 % (jitter).
 */
export function nextAttemptDelay(attemptsMade: number, schedule: readonly number[], random: () => number = Math.random): number | null {
  if (attemptsMade >= schedule.length) return null;
  return jitter(schedule[attemptsMade]!, random);
}

/** The delay before the first attempt (the schedule's first entry, normally 0: immediately). */
export function firstAttemptDelay(schedule: readonly number[], random: () => number = Math.random): number {
  return jitter(schedule[0] ?? 0, random);
}

function jitter(ms: number, random: () => number): number {
  return Math.round(ms * (1 - RETRY_JITTER + 2 * RETRY_JITTER * random()));
}

// --- Delivery outcomes --------------------------------------------------------------------

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';
export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;

/** The upper bounds (ms) of the attempt-duration buckets an endpoint's figures count in (redis-scripts/includes/wh-count.lua). */
export const WEBHOOK_DURATION_BOUNDS_MS = [10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10_000, 30_000] as const;

/**
 * The duration under which a share `q` of the attempts counted in `counts` came: the upper bound
 * of the bucket where that share is reached (the last bucket's bound: `longestMs`); null without attempts.
 */
export function durationQuantileMs(counts: readonly number[], q: number, longestMs: number): number | null {
  const total = counts.reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  let seen = 0;
  for (let i = 0; i < counts.length; i++) {
    seen += counts[i]!;
    if (seen >= q * total) return WEBHOOK_DURATION_BOUNDS_MS[i] ?? longestMs;
  }
  return longestMs;
}

/** What one attempt gave: a status code (any), or an error before one came (timeout, refused...). */
export interface AttemptResult {
  statusCode: number | null;
  error: string | null;
  durationMs: number;
  /** The start of the receiver's answer, for the delivery log. */
  response: string | null;
}

export const isDelivered = (result: AttemptResult) => result.statusCode !== null && result.statusCode >= 200 && result.statusCode < 300;

/** The error an attempt is logged with. */
export function attemptError(result: AttemptResult): string | null {
  if (isDelivered(result)) return null;
  if (result.error) return result.error;
  if (result.statusCode !== null && result.statusCode >= 300 && result.statusCode < 400)
    return `HTTP ${result.statusCode}: redirects are not followed`;
  return `HTTP ${result.statusCode}`;
}

/** A delivery of one event to one endpoint, as the API shows it. */
export interface DeliveryView {
  /** The event's id (one delivery per event and endpoint). */
  id: string;
  endpointId: string;
  eventType: EventType;
  status: DeliveryStatus;
  attempts: number;
  createdAt: string;
  lastAttemptAt: string | null;
  lastStatusCode: number | null;
  lastError: string | null;
  lastResponse: string | null;
  lastDurationMs: number | null;
  /** When the next attempt is due (pending only). */
  nextAttemptAt: string | null;
  deliveredAt: string | null;
  failedAt: string | null;
}

// --- Endpoint addresses -------------------------------------------------------------------

const RANGES: [string, number, 'ipv4' | 'ipv6', string][] = [
  ['0.0.0.0', 8, 'ipv4', 'an unspecified address'],
  ['10.0.0.0', 8, 'ipv4', 'a private address'],
  ['100.64.0.0', 10, 'ipv4', 'a shared (carrier-grade NAT) address'],
  ['127.0.0.0', 8, 'ipv4', 'a loopback address'],
  ['169.254.0.0', 16, 'ipv4', 'a link-local address'],
  ['172.16.0.0', 12, 'ipv4', 'a private address'],
  ['192.0.0.0', 24, 'ipv4', 'a reserved address'],
  ['192.168.0.0', 16, 'ipv4', 'a private address'],
  ['198.18.0.0', 15, 'ipv4', 'a reserved address'],
  ['224.0.0.0', 4, 'ipv4', 'a multicast address'],
  ['240.0.0.0', 4, 'ipv4', 'a reserved address'],
  ['::', 128, 'ipv6', 'an unspecified address'],
  ['::1', 128, 'ipv6', 'a loopback address'],
  ['fc00::', 7, 'ipv6', 'a private (unique local) address'],
  ['fe80::', 10, 'ipv6', 'a link-local address'],
  ['fec0::', 10, 'ipv6', 'a private (site-local) address'],
  ['ff00::', 8, 'ipv6', 'a multicast address'],
];
const BLOCKS = RANGES.map(([network, prefix, family, what]) => {
  const list = new BlockList();
  list.addSubnet(network, prefix, family);
  return { list, what };
});
const NAT64 = /^64:ff9b::([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i;

/**
 * Why a webhook may not be sent to this IP address (loopback, private, link-local, ...), or null
 * when it is a public address. IPv4-mapped and NAT64 IPv6 addresses are judged by their IPv4.
 */
export function refusedAddress(ip: string): string | null {
  const family = isIP(ip);
  if (family === 0) return 'not an IP address';
  const nat64 = NAT64.exec(ip);
  if (nat64) {
    const [hi, lo] = [parseInt(nat64[1]!, 16), parseInt(nat64[2]!, 16)];
    return refusedAddress(`${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`);
  }
  for (const { list, what } of BLOCKS) if (list.check(ip, family === 4 ? 'ipv4' : 'ipv6')) return what;
  return null;
}

/** The URL's shape (http or https, a host, no fragment); the message says what is wrong, or null. */
export function checkEndpointUrl(text: string): { url: URL } | { error: string } {
  if (text.length > MAX_URL_LENGTH) return { error: `must be at most ${MAX_URL_LENGTH} characters` };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { error: 'is not a URL' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { error: 'must be an http or https URL' };
  if (!url.hostname) return { error: 'must name a host' };
  if (url.hash) return { error: 'must not have a fragment (#...)' };
  // Credentials in a URL would be stored, listed and shown back to whoever reads the endpoint.
  if (url.username || url.password) return { error: 'must not carry credentials (user:password@); the signature authenticates the sender' };
  return { url };
}

/** A URL's host as an address resolver takes it (IPv6 literals without their brackets). */
export function urlHost(url: URL): string {
  return url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
}
