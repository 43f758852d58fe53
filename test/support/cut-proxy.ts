/**
 * A TCP proxy in front of a server that can lose one reply: `cutNextReply()` makes it drop the
 * next bytes the server sends and close that connection, as a network failure between a command's
 * execution and its answer does. New connections pass through untouched.
 */
import net from 'node:net';
import { getFreePort } from './servers.js';

export interface CutProxy {
  readonly port: number;
  /** The next reply from the server is lost, and its connection closed. Resolves when it happened. */
  cutNextReply(): Promise<void>;
  close(): Promise<void>;
}

export async function startCutProxy(targetPort: number): Promise<CutProxy> {
  const port = await getFreePort();
  let cut: (() => void) | null = null;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(targetPort, '127.0.0.1');
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => {});
    }
    client.on('data', (data) => upstream.write(data));
    upstream.on('data', (data) => {
      if (cut) {
        const done = cut;
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
    cutNextReply: () => new Promise<void>((resolve) => (cut = resolve)),
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
