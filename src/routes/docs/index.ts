import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { Scalar } from '@scalar/hono-api-reference';
import type { AppOpenAPI } from '../types.js';

/** Where the API reference page loads its script from: this service, never a CDN. */
export const API_REFERENCE_SCRIPT_PATH = '/docs/scalar-api-reference.js';

/**
 * The browser bundle of @scalar/api-reference (one self-contained script). `npm run build` copies
 * it next to this module (scripts/build.mjs, VENDORED), so the production image serves it without
 * the package; from the sources (tsx, tests) it is read from node_modules.
 */
function scriptFile(): string {
  const built = fileURLToPath(new URL('./scalar-api-reference.js', import.meta.url));
  if (existsSync(built)) return built;
  const entry = createRequire(import.meta.url).resolve('@scalar/api-reference');
  const marker = '/node_modules/@scalar/api-reference/';
  const root = entry.slice(0, entry.lastIndexOf(marker) + marker.length);
  return `${root}dist/browser/standalone.js`;
}

interface Script {
  plain: Uint8Array<ArrayBuffer>;
  gzipped: Uint8Array<ArrayBuffer>;
  etag: string;
}

let script: Promise<Script> | undefined;

/**
 * Read and compressed once, at the first request (4.7 MB, ≈ 1.3 MB gzipped), off the event loop
 * (libuv's thread pool): the first visit to /docs holds up no other request.
 */
function loadScript(): Promise<Script> {
  script ??= (async () => {
    const plain = await readFile(scriptFile());
    const gzipped = await promisify(gzip)(plain);
    // Copied once into plain ArrayBuffers, which a response body takes as they are.
    return {
      plain: new Uint8Array(plain),
      gzipped: new Uint8Array(gzipped),
      etag: `"${plain.length.toString(36)}-${Date.now().toString(36)}"`,
    };
  })();
  script.catch(() => (script = undefined));
  return script;
}

/**
 * The page's policy: its script from here, its one inline script (Scalar's start-up, the same at
 * every render) allowed by its hash, nothing from elsewhere, and never inside another site's frame
 * (`frame-ancestors 'none'`, X-Frame-Options for older browsers).
 */
function contentSecurityPolicy(html: string): string {
  const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi)].map(
    ([, code]) => `'sha256-${createHash('sha256').update(code!).digest('base64')}'`,
  );
  return [
    "default-src 'self'",
    `script-src 'self' ${inline.join(' ')}`.trim(),
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * GET /docs: the API reference (Scalar) of /openapi.json; GET /docs/scalar-api-reference.js: its
 * script, served from here so the page renders with no outside network (no CDN, no web fonts).
 * Both are public: register them before authentication.
 */
export function registerDocsRoutes(app: AppOpenAPI) {
  app.get(API_REFERENCE_SCRIPT_PATH, async (c) => {
    const { plain, gzipped, etag } = await loadScript();
    c.header('Content-Type', 'text/javascript; charset=utf-8');
    c.header('Cache-Control', 'public, max-age=3600');
    c.header('ETag', etag);
    c.header('Vary', 'Accept-Encoding');
    if (c.req.header('If-None-Match') === etag) return c.body(null, 304);
    if (/\bgzip\b/.test(c.req.header('Accept-Encoding') ?? '')) {
      c.header('Content-Encoding', 'gzip');
      return c.body(gzipped);
    }
    return c.body(plain);
  });
  let policy: string | undefined;
  app.use('/docs', async (c, next) => {
    await next();
    if (c.res.status !== 200) return;
    policy ??= contentSecurityPolicy(await c.res.clone().text());
    c.header('Content-Security-Policy', policy);
    c.header('X-Frame-Options', 'DENY');
  });
  app.get(
    '/docs',
    Scalar({
      url: '/openapi.json',
      pageTitle: 'Reservoir API',
      cdn: API_REFERENCE_SCRIPT_PATH,
      // Nothing outside the service: system fonts, no telemetry, no AI agent (a hosted service).
      withDefaultFonts: false,
      telemetry: false,
      agent: { disabled: true },
      showDeveloperTools: 'never',
      // Every operation listed in the sidebar, not only the first group's.
      defaultOpenAllTags: true,
    }),
  );
}
