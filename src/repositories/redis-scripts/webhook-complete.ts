import { defineScript, type RedisLike } from './lua-script.js';

export interface CompleteArgs {
  endpointId: string;
  eventId: string;
  token: string;
  outcome: 'delivered' | 'retry' | 'failed';
  now: number;
  nextAttemptAt: number | null;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
  response: string | null;
  disableAfterMs: number;
  disableAfterText: string;
}

export type CompleteReply = { status: 'delivered' | 'pending' | 'failed' | 'lost' | 'gone'; endpointDisabled: boolean };

/** Records one attempt's outcome if the caller still holds the lease (webhook-complete.lua). */
export function completeScript(redis: RedisLike) {
  const call = defineScript(redis, 'webhook-complete');
  return async (keys: { endpoints: string; health: string; prefix: string }, a: CompleteArgs): Promise<CompleteReply> => {
    const [status, disabled] = (await call(
      [keys.endpoints, keys.health],
      [
        keys.prefix,
        a.endpointId,
        a.eventId,
        a.token,
        a.outcome,
        a.now,
        a.nextAttemptAt ?? 0,
        a.statusCode ?? '',
        a.error ?? '',
        Math.round(a.durationMs),
        a.response ?? '',
        a.disableAfterMs,
        a.disableAfterText,
      ],
    )) as [CompleteReply['status'], number];
    return { status, endpointDisabled: Number(disabled) === 1 };
  };
}
