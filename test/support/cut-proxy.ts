/**
 * A TCP proxy in front of a server that can lose one reply: `cutNextReply()` makes it drop the
 * next bytes the server sends and close that connection, as a network failure between a command's
 * execution and its answer does. New connections pass through untouched.
 *
 * `startClusterBehindCutProxies()` puts one in front of every master of a Redis Cluster of its
 * own, the nodes announcing the proxies' ports (`cluster-announce-port`, as nodes behind NAT do):
 * a Cluster client, given the proxies as seeds, reaches every node through its proxy, so a reply
 * can be lost on its way back from the master of a tenant's slot.
 */
import net from 'node:net';
import { Redis } from 'ioredis';
import { getFreePort, startRedisCluster, type RedisServerHandle } from './servers.js';

export interface CutOptions {
  /**
   * Only a reply on a connection that sent these bytes once the cut was asked for (a script's
   * function name: the reply lost is that call's, not one of another connection's, such as a
   * Cluster client's periodic CLUSTER SLOTS). Default: the next reply on any connection.
   */
  after?: string;
}

export interface CutProxy {
  readonly port: number;
  /** The next reply from the server is lost, and its connection closed. Resolves when it happened. */
  cutNextReply(options?: CutOptions): Promise<void>;
  close(): Promise<void>;
}

interface Cut {
  done: () => void;
  after: Buffer | null;
  /** The connection that sent `after`. */
  target: net.Socket | null;
}

export async function startCutProxy(targetPort: number): Promise<CutProxy> {
  const port = await getFreePort();
  let cut: Cut | null = null;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(targetPort, '127.0.0.1');
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => {});
    }
    client.on('data', (data: Buffer) => {
      if (cut?.after && cut.target === null && data.includes(cut.after)) cut.target = client;
      upstream.write(data);
    });
    upstream.on('data', (data) => {
      if (cut && (cut.after === null || cut.target === client)) {
        const { done } = cut;
        cut = null;
        client.destroy();
        upstream.destroy();
        done();
        return;
      }
      client.write(data);
    });
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    port,
    cutNextReply: (options = {}) =>
      new Promise<void>((resolve) => (cut = { done: resolve, after: options.after ? Buffer.from(options.after) : null, target: null })),
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export interface ProxiedCluster {
  /** Seeds for REDIS_CLUSTER_NODES: the proxies. */
  readonly nodes: string;
  /** Each master, with the proxy in front of it and a connection straight to it (past the proxy). */
  readonly shards: { node: RedisServerHandle; proxy: CutProxy; direct: Redis }[];
  /** The shard whose master holds `key`'s slot. */
  shardOf(key: string): Promise<ProxiedCluster['shards'][number]>;
  destroy(): Promise<void>;
}

/** A three-master Redis Cluster (no replicas, no persistence) whose every master is reached through a cut proxy. */
export async function startClusterBehindCutProxies(): Promise<ProxiedCluster> {
  const cluster = await startRedisCluster({ masters: 3 });
  const shards = await Promise.all(
    cluster.masters.map(async (node) => ({ node, proxy: await startCutProxy(node.port), direct: new Redis(node.url) })),
  );
  const destroy = async () => {
    for (const s of shards) s.direct.disconnect();
    await Promise.all(shards.map((s) => s.proxy.close()));
    await cluster.destroy();
  };
  try {
    for (const { direct, proxy } of shards) await direct.config('SET', 'cluster-announce-port', String(proxy.port));
    // Every node has heard of every other's new port (gossip): clients are only ever sent to proxies.
    const proxied = new Set(shards.map((s) => s.proxy.port));
    const deadline = Date.now() + 30_000;
    for (;;) {
      const views = await Promise.all(shards.map((s) => s.direct.cluster('SLOTS')));
      if (views.every((slots) => slots.length === 3 && slots.every(([, , master]) => master !== undefined && proxied.has(master[1]))))
        break;
      if (Date.now() > deadline) throw new Error('the cluster nodes did not announce their proxies within 30 s');
      await new Promise((r) => setTimeout(r, 100));
    }
  } catch (error) {
    await destroy();
    throw error;
  }
  return {
    nodes: shards.map((s) => `127.0.0.1:${s.proxy.port}`).join(','),
    shards,
    async shardOf(key) {
      const slot = Number(await shards[0]!.direct.cluster('KEYSLOT', key));
      const slots = await shards[0]!.direct.cluster('SLOTS');
      const port = slots.find(([from, to]) => slot >= from && slot <= to)![2]![1];
      return shards.find((s) => s.proxy.port === port)!;
    },
    destroy,
  };
}
