/**
 * Log formats: JSON lines by default (production; test/build.test.ts checks the built service's),
 * readable lines with LOG_FORMAT=pretty (what `npm run dev` sets in a terminal).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { withDatabase } from './support/harness.js';
import { startReplicas, type ReplicaSet } from './support/replicas.js';

let set: ReplicaSet;

beforeAll(async () => {
  set = await startReplicas(1, {
    redis: { redisUrl: inject('redisUrl') },
    mongoUrl: withDatabase(inject('mongoUrl'), `reservoir_logs_${randomUUID().slice(0, 8)}`),
    env: { LOG_FORMAT: 'pretty', RESTORE_ON_START: 'false' },
  });
}, 200_000);

afterAll(() => set?.close());

describe('LOG_FORMAT=pretty', () => {
  it('writes one readable line per event: time, level, message; a request as method, route, status and duration', async () => {
    const service = set.replicas[0]!;
    expect((await fetch(`${service.url}/health`)).status).toBe(200);
    const lines = service.log().trim().split('\n');
    expect(lines.some((line) => /^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: Reservoir listening \{"port":\d+\}$/.test(line))).toBe(true);
    expect(lines.some((line) => /^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: GET \/health 200 [\d.]+ ms \{"requestId":"[\w-]+"\}$/.test(line))).toBe(
      true,
    );
    // not JSON, and no colour codes outside a terminal
    for (const line of lines) {
      expect(() => JSON.parse(line)).toThrow();
      expect(line).not.toContain('\u001b[');
    }
  });
});

describe('JSON lines, gathered into few writes (LOG_BUFFER_BYTES)', () => {
  it('writes every line of the requests answered, at the latest when the service stops on SIGTERM', async () => {
    const [json] = (
      await startReplicas(1, {
        redis: { redisUrl: inject('redisUrl') },
        mongoUrl: withDatabase(inject('mongoUrl'), `reservoir_logs_${randomUUID().slice(0, 8)}`),
        env: { LOG_BUFFER_BYTES: '16000', RESTORE_ON_START: 'false' },
      })
    ).replicas;
    const service = json!;
    const ids = Array.from({ length: 30 }, () => randomUUID());
    for (const id of ids) expect((await fetch(`${service.url}/health`, { headers: { 'X-Request-Id': id } })).status).toBe(200);
    await service.stop();
    const lines = service
      .log()
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { msg: string; requestId?: string });
    const logged = new Set(lines.filter((l) => l.msg === 'request').map((l) => l.requestId));
    expect(ids.filter((id) => !logged.has(id))).toEqual([]);
    expect(lines.at(-1)?.msg).toBe('stopped');
  }, 200_000);
});
