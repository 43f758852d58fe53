import { defineScript, type RedisLike } from './lua-script.js';

export interface PumpArgs {
  now: number;
  firstDelayMs: number;
  fanoutLimit: number;
  claimLimit: number;
  leaseMs: number;
  token: string;
  /** Endpoints the caller can take only so many more of (its attempts in flight to them). */
  room?: Map<string, number>;
  /** Deliveries queued for the tenant's paused endpoints at most (its pausedDeliveries quota); 0 or none: no limit. */
  pausedDeliveries?: number;
}

export interface PumpReply {
  created: number;
  moreEvents: boolean;
  /** When the next delivery of an active endpoint is due (ms), null when none is. */
  nextDue: number | null;
  /** Why events were missed (dropped from the feed before the fan-out reached them), or null. */
  gap: string | null;
  /** The definition JSON of each endpoint claimed for. */
  endpoints: Map<string, string>;
  claims: { endpointId: string; eventId: string; type: string; data: string; attempts: number }[];
  /** Deliveries not queued for paused endpoints: the tenant's pausedDeliveries quota was reached. */
  dropped: number;
}

/** Fans the new events out into deliveries and leases due ones to the caller (webhook-pump.lua). */
export function pumpScript(redis: RedisLike) {
  const call = defineScript(redis, 'webhook-pump');
  return async (
    tenantId: number,
    keys: { events: string; endpoints: string; health: string; cursor: string; prefix: string },
    args: PumpArgs,
  ): Promise<PumpReply> => {
    const reply = (await call(
      [keys.events, keys.endpoints, keys.health, keys.cursor],
      [
        keys.prefix,
        args.now,
        args.firstDelayMs,
        args.fanoutLimit,
        args.claimLimit,
        args.leaseMs,
        args.token,
        [...(args.room ?? [])].map(([id, n]) => `${id}=${Math.max(0, n)}`).join(','),
        tenantId,
        args.pausedDeliveries ?? 0,
      ],
    )) as [number, number, number, string, string[], (string | number)[], number];
    const [created, more, nextDue, gap, endpointPairs, flat, dropped] = reply;
    const endpoints = new Map<string, string>();
    for (let i = 0; i < endpointPairs.length; i += 2) endpoints.set(endpointPairs[i]!, endpointPairs[i + 1]!);
    const claims: PumpReply['claims'] = [];
    for (let i = 0; i < flat.length; i += 5) {
      claims.push({
        endpointId: String(flat[i]),
        eventId: String(flat[i + 1]),
        type: String(flat[i + 2]),
        data: String(flat[i + 3]),
        attempts: Number(flat[i + 4]),
      });
    }
    return {
      created: Number(created),
      moreEvents: Number(more) === 1,
      nextDue: Number(nextDue) < 0 ? null : Number(nextDue),
      gap: gap || null,
      endpoints,
      claims,
      dropped: Number(dropped),
    };
  };
}
