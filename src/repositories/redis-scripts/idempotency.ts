import { defineScript, type RedisLike } from './lua-script.js';

export type IdempotencyState =
  | { state: 'new' }
  | { state: 'done'; outcome: unknown; requestId: string }
  | { state: 'running' }
  | { state: 'mismatch' };

/** Starts a request under its Idempotency-Key, or tells how the first one with it stands (begin-idempotent.lua). */
export function beginIdempotentScript(redis: RedisLike) {
  const call = defineScript(redis, 'begin-idempotent');
  return async (
    key: string,
    input: { fingerprint: string; requestId: string; now: number; ttlMs: number; runningMs: number; quotaKey: string; most: number },
  ): Promise<IdempotencyState | { state: 'quota'; limit: number }> => {
    const reply = (await call(
      [key, input.quotaKey],
      [input.fingerprint, input.requestId, input.now, input.ttlMs, input.runningMs, input.most],
    )) as [string, string?, string?];
    if (reply[0] === 'done') return { state: 'done', outcome: JSON.parse(reply[1]!), requestId: reply[2] ?? '' };
    if (reply[0] === 'quota') return { state: 'quota', limit: Number(reply[1]) };
    return { state: reply[0] as 'new' | 'running' | 'mismatch' };
  };
}

/** Lets a retry go on at once after a request stopped without completing its record (release-idempotent.lua). */
export function releaseIdempotentScript(redis: RedisLike) {
  const call = defineScript(redis, 'release-idempotent');
  return async (key: string, requestId: string): Promise<boolean> => (await call([key], [requestId])) === 1;
}

/**
 * How the request with this key stands for a request of `fingerprint`, read without starting
 * anything (begin-idempotent.lua's reading of its record): 'new' when the key is free to take.
 */
export async function readIdempotencyRecord(redis: RedisLike, key: string, fingerprint: string, now: number): Promise<IdempotencyState> {
  const [stored, state, outcome, requestId, runningUntil] = await redis.hmget(
    key,
    'fingerprint',
    'state',
    'outcome',
    'requestId',
    'runningUntil',
  );
  if (stored === null) return { state: 'new' };
  if (stored !== fingerprint) return { state: 'mismatch' };
  if (state === 'done') return { state: 'done', outcome: JSON.parse(outcome!), requestId: requestId ?? '' };
  if (state === 'running' && Number(runningUntil) > now) return { state: 'running' };
  return { state: 'new' };
}
