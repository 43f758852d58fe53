import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Hono } from 'hono';
import type { ConsoleEnv } from './env.js';

/**
 * The console's script and style, served by the service itself (no CDN): its own console.css and
 * console.js next to this module, and htmx's minified build, copied here by `npm run build`
 * (scripts/build.mjs, VENDORED) or read from node_modules when run from the sources.
 */
function htmxFile(): string {
  const built = fileURLToPath(new URL('./assets/htmx.min.js', import.meta.url));
  if (existsSync(built)) return built;
  const entry = createRequire(import.meta.url).resolve('htmx.org');
  const marker = '/node_modules/htmx.org/';
  return `${entry.slice(0, entry.lastIndexOf(marker) + marker.length)}dist/htmx.min.js`;
}

const TYPES: Record<string, string> = { css: 'text/css; charset=utf-8', js: 'text/javascript; charset=utf-8' };

/** Read once, at start: a few tens of kB. */
function loadAssets(): Map<string, { body: Uint8Array<ArrayBuffer>; type: string; etag: string }> {
  const files: [string, string][] = [
    ['console.css', fileURLToPath(new URL('./assets/console.css', import.meta.url))],
    ['console.js', fileURLToPath(new URL('./assets/console.js', import.meta.url))],
    ['htmx.min.js', htmxFile()],
  ];
  const assets = new Map<string, { body: Uint8Array<ArrayBuffer>; type: string; etag: string }>();
  for (const [name, path] of files) {
    const body = new Uint8Array(readFileSync(path));
    assets.set(name, { body, type: TYPES[name.split('.').pop()!]!, etag: `"${body.length.toString(36)}-${process.pid.toString(36)}"` });
  }
  return assets;
}

export function registerConsoleAssets(app: Hono<ConsoleEnv>) {
  const assets = loadAssets();
  app.get('/assets/:name', (c) => {
    const asset = assets.get(c.req.param('name'));
    if (!asset) return c.text('no such asset', 404);
    c.header('Content-Type', asset.type);
    c.header('Cache-Control', 'public, max-age=300');
    c.header('ETag', asset.etag);
    c.header('X-Content-Type-Options', 'nosniff');
    if (c.req.header('If-None-Match') === asset.etag) return c.body(null, 304);
    return c.body(asset.body);
  });
}
