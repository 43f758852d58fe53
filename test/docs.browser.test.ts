/**
 * /docs renders the API reference in a real browser with no outside network: Debian's Chromium,
 * driven by playwright-core, loads the page from the service over HTTP with every request to
 * another host refused, and the operations of the OpenAPI document are listed.
 *
 * Chromium: /usr/bin/chromium (`apt-get install -y chromium`; .ci/run installs it) or
 * CHROMIUM_PATH. Single project only (vitest.config.ts): the page does not touch Redis.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService, type TestService } from './support/harness.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

let svc: TestService;
let server: ServerType;
let origin: string;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: apt-get install -y chromium, or set CHROMIUM_PATH`);
  svc = await startTestService();
  await new Promise<void>((resolve) => {
    server = serve({ fetch: svc.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve());
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  await svc?.close();
});

describe('GET /docs in a browser, offline', () => {
  it('lists the operations of the API with every outside request refused', async () => {
    const page = await browser.newPage();
    // The page's Content-Security-Policy is on: anything it refuses shows up here.
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    const blocked: string[] = [];
    const served: string[] = [];
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(`${origin}/`) || url.startsWith('data:') || url.startsWith('blob:')) {
        served.push(url);
        return route.continue();
      }
      blocked.push(url);
      return route.abort('internetdisconnected');
    });
    try {
      await page.goto(`${origin}/docs`, { waitUntil: 'load', timeout: 60_000 });
      // The script renders the reference from /openapi.json: an operation's summary, then all of them.
      await page.getByText('Create or redefine an order').first().waitFor({ state: 'visible', timeout: 60_000 });
      const summaries = Object.values(
        JSON.parse(readFileSync(new URL('../openapi/openapi.json', import.meta.url), 'utf8')).paths as Record<
          string,
          Record<string, { summary: string }>
        >,
      ).flatMap((item) => Object.values(item).map((op) => op.summary));
      const text = await page.locator('body').innerText();
      expect(summaries.filter((summary) => !text.includes(summary))).toEqual([]);
      expect(served).toContain(`${origin}/docs/scalar-api-reference.js`);
      expect(served).toContain(`${origin}/openapi.json`);
      expect(violations).toEqual([]);
      // What the page tried to fetch elsewhere (nothing it needs: it rendered without it).
      if (blocked.length > 0) console.info(`/docs: outside requests refused: ${[...new Set(blocked)].join(', ')}`);
    } finally {
      await page.close();
    }
  }, 120_000);

  it('may not be framed by another site, and runs no script but its own', async () => {
    const res = await fetch(`${origin}/docs`);
    const policy = res.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toMatch(/script-src 'self' 'sha256-[A-Za-z0-9+/=]+'/);
    expect(policy).not.toContain('unsafe-eval');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });
});
