// The servers tests run against are real, and the ones tests own can be stopped and restarted.
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { MongoClient } from 'mongodb';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { startRedisServer, type RedisServerHandle } from './support/servers.js';

describe('infra sanity', () => {
  it('provides URLs through inject() and process.env', () => {
    expect(inject('redisUrl')).toMatch(/^redis:\/\//);
    expect(inject('mongoUrl')).toMatch(/^mongodb:\/\//);
    expect(process.env.REDIS_URL).toBe(inject('redisUrl'));
    expect(process.env.MONGO_URL).toBe(inject('mongoUrl'));
  });

  it('talks to the provided Redis', async () => {
    const redis = new Redis(inject('redisUrl'), { lazyConnect: true, maxRetriesPerRequest: 1 });
    try {
      await redis.connect();
      const key = `sanity:${randomUUID()}`;
      await redis.set(key, 'v1', 'EX', 60);
      expect(await redis.get(key)).toBe('v1');
      await redis.del(key);
    } finally {
      redis.disconnect();
    }
  });

  it('talks to the provided MongoDB-wire server', async () => {
    const client = new MongoClient(inject('mongoUrl'), { serverSelectionTimeoutMS: 5_000 });
    try {
      await client.connect();
      const db = client.db();
      const col = db.collection<{ _id: string; tenant: string; sku: string; qty: number }>(`sanity_${randomUUID().replace(/-/g, '')}`);
      try {
        await col.insertOne({ _id: 'a', tenant: 't1', sku: 'x', qty: 1 });
        expect(await col.findOne({ _id: 'a' })).toEqual({ _id: 'a', tenant: 't1', sku: 'x', qty: 1 });
        await col.createIndex({ tenant: 1, sku: 1 }, { unique: true });
        await expect(col.insertOne({ _id: 'b', tenant: 't1', sku: 'x', qty: 2 })).rejects.toMatchObject({ code: 11000 });
        const res = await col.bulkWrite(
          [
            { insertOne: { document: { _id: 'c', tenant: 't2', sku: 'y', qty: 3 } } },
            { updateOne: { filter: { _id: 'a' }, update: { $inc: { qty: 4 } } } },
            { updateOne: { filter: { _id: 'd' }, update: { $setOnInsert: { tenant: 't3', sku: 'z' }, $inc: { qty: 1 } }, upsert: true } },
          ],
          { ordered: false },
        );
        expect(res.insertedCount).toBe(1);
        expect(res.modifiedCount).toBe(1);
        expect(res.upsertedCount).toBe(1);
        expect(await col.countDocuments({})).toBe(3);
        expect((await col.findOne({ _id: 'a' }))?.qty).toBe(5);
      } finally {
        await col.drop().catch(() => {});
      }
    } finally {
      await client.close();
    }
  });
});

describe('startRedisServer', () => {
  let server: RedisServerHandle | undefined;
  afterAll(async () => {
    await server?.destroy();
  });

  it('keeps AOF data across stop/start on the same port', async () => {
    server = await startRedisServer({ appendonly: true });
    const { port } = server;
    let redis = new Redis(server.url, { maxRetriesPerRequest: 1 });
    await redis.set('durable', 'yes');
    redis.disconnect();
    await server.stop();
    expect(server.running).toBe(false);
    await server.start();
    expect(server.port).toBe(port);
    redis = new Redis(server.url, { maxRetriesPerRequest: 1 });
    try {
      expect(await redis.get('durable')).toBe('yes');
    } finally {
      redis.disconnect();
    }
  });
});
