/**
 * The change feed read back: GET /{tenantId}/events pages through a tenant's events and resumes
 * after a cursor; a cursor older than what the feed keeps answers 410; the SSE stream resumes
 * from Last-Event-ID without a gap or a repeat. Events are appended to the real Redis stream as
 * the order scripts append them (test/support/events.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trimEventFeeds } from '../src/domain/events.js';
import { appendEvent, appendEvents, eventsKey, readSse } from './support/events.js';
import { ADMIN_KEY, eventually, newTenantId, startTestService, type TestService } from './support/harness.js';

let svc: TestService;
beforeAll(async () => {
  svc = await startTestService({ settings: { events: { sseHeartbeatMs: 300 } } });
});
afterAll(() => svc.close());

const ids = (events: { id: string }[]) => events.map((e) => e.id);

describe('GET /{tenantId}/events', () => {
  it('pages through the events oldest first and resumes after the cursor', async () => {
    const t = newTenantId();
    const appended = await appendEvents(svc.redis, t, 5);

    const first = await svc.call('GET', `/${t}/events?limit=2`);
    expect(first.status).toBe(200);
    expect(ids(first.body.events)).toEqual(appended.slice(0, 2));
    expect(first.body.nextCursor).toBe(appended[1]);
    const event = first.body.events[0];
    expect(event).toEqual({
      id: appended[0],
      type: 'order.created',
      at: new Date(Number(appended[0]!.split('-')[0])).toISOString(),
      tenantId: t,
      data: { order: { orderId: 'o-0', tenantId: t, n: 0 } },
    });

    const second = await svc.call('GET', `/${t}/events?after=${first.body.nextCursor}&limit=2`);
    expect(ids(second.body.events)).toEqual(appended.slice(2, 4));
    const third = await svc.call('GET', `/${t}/events?after=${second.body.nextCursor}&limit=2`);
    expect(ids(third.body.events)).toEqual(appended.slice(4));
    // Up to date: an empty page keeps the cursor; the next event follows it.
    const empty = await svc.call('GET', `/${t}/events?after=${third.body.nextCursor}`);
    expect(empty.body).toEqual({ events: [], nextCursor: appended[4] });
    const later = await appendEvent(svc.redis, t, 'order.deleted', { order: { orderId: 'o-1' } });
    const resumed = await svc.call('GET', `/${t}/events?after=${empty.body.nextCursor}`);
    expect(ids(resumed.body.events)).toEqual([later]);
    expect(resumed.body.events[0].type).toBe('order.deleted');
  });

  it('answers an empty page for a tenant without events, and a cursor to continue from', async () => {
    const t = newTenantId();
    const res = await svc.call('GET', `/${t}/events`);
    expect(res.body).toEqual({ events: [], nextCursor: '0-0' });
    const id = await appendEvent(svc.redis, t, 'order.created', { order: { orderId: 'x' } });
    expect(ids((await svc.call('GET', `/${t}/events?after=0-0`)).body.events)).toEqual([id]);
  });

  it('answers 410 for a cursor older than the oldest event kept (by age or by count), never for an up-to-date one', async () => {
    const t = newTenantId();
    const appended = await appendEvents(svc.redis, t, 3);
    // A day and a bit later, the age trim drops all but the newest event.
    const dropped = await trimEventFeeds(
      { feed: svc.services.events.feed, tenants: { listTenants: async () => [t] }, clock: () => Date.now() + 25 * 3_600_000 },
      24 * 3_600_000,
    );
    expect(dropped).toBeGreaterThanOrEqual(2);
    expect(await svc.redis.xlen(eventsKey(t))).toBe(1);

    const gone = await svc.call('GET', `/${t}/events?after=${appended[0]}`);
    expect(gone.status).toBe(410);
    expect(gone.body.error.code).toBe('CURSOR_EXPIRED');
    expect(gone.body.error.message).toMatch(/older than the oldest event kept.*resynchronise/);
    // From the start, having seen nothing: events were missed too.
    expect((await svc.call('GET', `/${t}/events?after=0-0`)).status).toBe(410);
    // Without a cursor: from the oldest kept.
    expect(ids((await svc.call('GET', `/${t}/events`)).body.events)).toEqual([appended[2]]);
    // The consumer that had read everything is still covered, before and after new events.
    expect((await svc.call('GET', `/${t}/events?after=${appended[2]}`)).body.events).toEqual([]);
    const next = await appendEvent(svc.redis, t, 'order.updated', { order: {} });
    expect(ids((await svc.call('GET', `/${t}/events?after=${appended[2]}`)).body.events)).toEqual([next]);

    // Trimmed by count (the append's MAXLEN) as well.
    const u = newTenantId();
    const many: string[] = [];
    for (let i = 0; i < 250; i++) many.push(await appendEvent(svc.redis, u, 'order.created', { i }, { maxLen: 10 }));
    expect(await svc.redis.xlen(eventsKey(u))).toBeLessThan(250);
    expect((await svc.call('GET', `/${u}/events?after=${many[0]}`)).status).toBe(410);
    expect((await svc.call('GET', `/${u}/events?after=${many[248]}`)).body.events).toHaveLength(1);
  });

  it('refuses a malformed cursor or limit with 400, and a cursor from the future with 410', async () => {
    const t = newTenantId();
    await appendEvents(svc.redis, t, 1);
    for (const query of ['after=abc', 'after=12', 'after=1-2-3', 'limit=0', 'limit=1001']) {
      const res = await svc.call('GET', `/${t}/events?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    }
    const future = await svc.call('GET', `/${t}/events?after=${Date.now() + 3_600_000}-0`);
    expect(future.status).toBe(410);
    expect(future.body.error.message).toMatch(/newer than the newest event/);
  });

  it("is the admin's and the tenant's own: another tenant's key gets 403", async () => {
    const [t, other] = [newTenantId(), newTenantId()];
    const own = (await svc.call('POST', `/admin/tenants/${t}/api-keys`)).body.key as string;
    const foreign = (await svc.call('POST', `/admin/tenants/${other}/api-keys`)).body.key as string;
    await appendEvents(svc.redis, t, 1);
    expect((await svc.call('GET', `/${t}/events`, undefined, { key: own })).body.events).toHaveLength(1);
    expect((await svc.call('GET', `/${t}/events`, undefined, { key: foreign })).status).toBe(403);
    expect((await svc.call('GET', `/${t}/events/stream`, undefined, { key: foreign })).status).toBe(403);
    expect((await svc.call('GET', `/${t}/events`, undefined, { key: null })).status).toBe(401);
  });
});

describe('GET /{tenantId}/events/stream (Server-Sent Events)', () => {
  const open = async (path: string, headers: Record<string, string> = {}) =>
    readSse(await svc.app.request(path, { headers: { Authorization: `Bearer ${ADMIN_KEY}`, ...headers } }));

  it('sends new events as they are appended, and resumes after Last-Event-ID without a gap or a repeat', async () => {
    const t = newTenantId();
    const before = await appendEvents(svc.redis, t, 2);
    const live = await open(`/${t}/events/stream`);
    expect(live.status).toBe(200);
    expect(live.headers.get('content-type')).toMatch(/^text\/event-stream/);
    // Without a cursor: only what comes from now on.
    const a = await appendEvent(svc.redis, t, 'order.created', { order: { orderId: 'a' } });
    const message = await live.next();
    expect(message.id).toBe(a);
    expect(message.event).toBeUndefined();
    expect(JSON.parse(message.data!)).toMatchObject({ id: a, type: 'order.created', tenantId: t, data: { order: { orderId: 'a' } } });
    expect(before).not.toContain(message.id);
    await live.close();

    // Disconnected: three more events; the client comes back with the last id it saw.
    const missed = await appendEvents(svc.redis, t, 3);
    const resumed = await open(`/${t}/events/stream`, { 'Last-Event-ID': a });
    expect((await resumed.take(3)).map((m) => m.id)).toEqual(missed);
    const b = await appendEvent(svc.redis, t, 'order.expired', { order: { orderId: 'b' } });
    expect((await resumed.next()).id).toBe(b);
    await expect(resumed.next(500)).rejects.toThrow(/no message/);
    await resumed.close();

    // ?after= on a first connection does the same; Last-Event-ID wins over it.
    const fromAfter = await open(`/${t}/events/stream?after=${missed[1]}`);
    expect((await fromAfter.take(2)).map((m) => m.id)).toEqual([missed[2], b]);
    await fromAfter.close();
    const both = await open(`/${t}/events/stream?after=${before[0]}`, { 'Last-Event-ID': missed[2]! });
    expect((await both.next()).id).toBe(b);
    await both.close();
  });

  it('catches up more than a page of missed events in order, then goes on live', async () => {
    const t = newTenantId();
    const start = await appendEvent(svc.redis, t, 'order.created', { i: -1 });
    const missed = await appendEvents(svc.redis, t, 1200);
    const stream = await open(`/${t}/events/stream`, { 'Last-Event-ID': start });
    expect((await stream.take(1200, 20_000)).map((m) => m.id)).toEqual(missed);
    const live = await appendEvents(svc.redis, t, 30);
    expect((await stream.take(30)).map((m) => m.id)).toEqual(live);
    await stream.close();
  });

  it('feeds every open stream of a tenant from one reader, and sends heartbeats while idle', async () => {
    const t = newTenantId();
    const hub = svc.services.events.hub;
    const watchedBefore = hub.watchedTenants;
    const streams = await Promise.all([1, 2, 3].map(() => open(`/${t}/events/stream`)));
    expect(hub.watchedTenants).toBe(watchedBefore + 1);
    const appended = await appendEvents(svc.redis, t, 4);
    for (const s of streams) expect((await s.take(4)).map((m) => m.id)).toEqual(appended);
    await new Promise((r) => setTimeout(r, 800));
    for (const s of streams) expect(s.comments).toContain('heartbeat');
    await Promise.all(streams.map((s) => s.close()));
    await eventually(() => expect(hub.watchedTenants).toBe(watchedBefore));
  });

  it('answers 410 (JSON, before any stream) for an expired Last-Event-ID, 400 for a malformed one', async () => {
    const t = newTenantId();
    const appended = await appendEvents(svc.redis, t, 3);
    await svc.redis.xtrim(eventsKey(t), 'MAXLEN', 1);
    const gone = await open(`/${t}/events/stream`, { 'Last-Event-ID': appended[0]! });
    expect(gone.status).toBe(410);
    expect((gone.body as any).error.code).toBe('CURSOR_EXPIRED');
    const bad = await open(`/${t}/events/stream`, { 'Last-Event-ID': 'nope' });
    expect(bad.status).toBe(400);
  });
});
