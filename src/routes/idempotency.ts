import { createHash } from 'node:crypto';
import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { routePath } from 'hono/route';
import { IDEMPOTENCY_KEY_PATTERN, type IdempotencyKeyUse } from '../domain/idempotency.js';
import type { AppEnv } from './env.js';
import { ErrorSchema } from './errors.js';

/** The Idempotency-Key request header, on every write that may be retried. */
export const IdempotencyHeaderSchema = z.object({
  'idempotency-key': z
    .string()
    .regex(IDEMPOTENCY_KEY_PATTERN, 'must be 1–255 printable ASCII characters')
    .optional()
    .openapi({
      param: {
        name: 'idempotency-key',
        in: 'header',
        description:
          'Makes a retry safe: a retry with the same key and the same request (method, route, path parameters, body) answers what ' +
          'the first answered, with `Idempotent-Replayed: true`, and changes nothing, for IDEMPOTENCY_TTL_MS (24 h). The key with ' +
          'another request: 422; while the first is still running: 409. Keys are per tenant.',
      },
      example: '6f1d3c6a-order-42-attempt',
    }),
});

const json = (description: string) => ({ content: { 'application/json': { schema: ErrorSchema } }, description });

/** The refusals of a write's Idempotency-Key, spread into its responses. */
export const idempotencyResponses = {
  409: json('A request with this Idempotency-Key is still running (or, for an upsert, the stored order is newer).'),
  422: json('This Idempotency-Key was used for another request (method, route, path parameters or body).'),
} as const;

/** JSON with every object's keys in order: the same content, however it was spelled, gives the same text. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value ?? null, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/**
 * The use of the request's Idempotency-Key, if it has one: its fingerprint is the method, the
 * route, and the path parameters and body as validated, so that the same request however spelled
 * (a code percent-encoded or not, an id in capitals, the body's keys in another order, a date in
 * another time zone) is the same request, and another content is not.
 */
export function idempotencyKeyUse(
  c: Context<AppEnv>,
  key: string | undefined,
  request: { params: unknown; body: unknown },
): IdempotencyKeyUse | undefined {
  if (key === undefined) return undefined;
  const fingerprint = createHash('sha256')
    .update(`${c.req.method} ${routePath(c)}\n${canonicalJson(request.params)}\n${canonicalJson(request.body)}`)
    .digest('base64url');
  return { key, fingerprint, requestId: c.get('requestId') };
}

/**
 * Runs a write under its key. When the answer comes from the record of a first request, it is
 * given as that request gave it: its request id (in error bodies and X-Request-Id), and
 * `Idempotent-Replayed: true`.
 */
export async function runIdempotent<T>(c: Context<AppEnv>, use: IdempotencyKeyUse | undefined, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } finally {
    if (use?.replayedFrom !== undefined) {
      c.set('requestId', use.replayedFrom);
      c.header('X-Request-Id', use.replayedFrom);
      c.header('Idempotent-Replayed', 'true');
    }
  }
}
