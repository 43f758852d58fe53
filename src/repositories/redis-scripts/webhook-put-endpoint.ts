import { defineScript, type RedisLike } from './lua-script.js';

export interface EndpointScriptKeys {
  endpoints: string;
  health: string;
  cursor: string;
  events: string;
}

/** Writes an endpoint's definition; a new one starts with the events appended from now on (webhook-put-endpoint.lua). */
export function putEndpointScript(redis: RedisLike) {
  const call = defineScript(redis, 'webhook-put-endpoint');
  return async (
    keys: EndpointScriptKeys,
    endpointId: string,
    definitionJson: string,
    mode: 'create' | 'update' | 'restore',
    options: { reenable?: boolean; restoredDisabled?: { disabledAt: number; disabledReason: string } | null; maxEndpoints?: number } = {},
  ): Promise<boolean> => {
    const reply = await call(
      [keys.endpoints, keys.health, keys.cursor, keys.events],
      [
        endpointId,
        definitionJson,
        mode,
        options.reenable ? '1' : '0',
        options.restoredDisabled ? JSON.stringify(options.restoredDisabled) : '',
        options.maxEndpoints ?? 0,
      ],
    );
    return Number(reply) === 1;
  };
}
