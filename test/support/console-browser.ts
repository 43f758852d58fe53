/**
 * The ops console in a real browser: the service on a loopback port, Debian's Chromium driven by
 * playwright-core, axe-core injected into each page, screenshots at desktop and phone widths.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { serve, type ServerType } from '@hono/node-server';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';
import type { TestService } from './harness.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/**
 * Where the screenshots go: docs/screenshots/ (committed, shown in docs/console.md) when
 * UPDATE_SCREENSHOTS=1 (`npm run screenshots`), else .data/screenshots/ (ignored by git), so
 * that an ordinary test run, whose tenant ids and times differ each time, leaves the tree clean.
 */
export const SCREENSHOTS = fileURLToPath(
  new URL(process.env.UPDATE_SCREENSHOTS === '1' ? '../../docs/screenshots/' : '../../.data/screenshots/', import.meta.url),
);
export const DESKTOP = { width: 1280, height: 860 };
export const PHONE = { width: 390, height: 844 };

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface ConsoleBrowser {
  origin: string;
  browser: Browser;
  /** Every request a page made outside the service (refused): the console needs none. */
  outside: string[];
  /** Lets pages reach another origin too (a test's own page). */
  allow(origin: string): void;
  /** A fresh browser profile (cookies of its own), every request outside the service refused. */
  newContext(): Promise<BrowserContext>;
  close(): Promise<void>;
}

export async function openConsoleBrowser(svc: TestService): Promise<ConsoleBrowser> {
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: apt-get install -y chromium, or set CHROMIUM_PATH`);
  let server!: ServerType;
  await new Promise<void>((resolve) => {
    server = serve({ fetch: svc.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve());
  });
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({
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
      '--font-render-hinting=none',
    ],
  });
  const outside: string[] = [];
  const allowed = new Set([origin]);
  return {
    origin,
    browser,
    outside,
    allow: (other) => allowed.add(other),
    async newContext() {
      const context = await browser.newContext({
        viewport: DESKTOP,
        locale: 'en-GB',
        timezoneId: 'Europe/Berlin', // the console's Content-Security-Policy would refuse axe-core's injected script
        bypassCSP: true,
      });
      context.setDefaultTimeout(15_000);
      await context.route('**/*', (route) => {
        const url = route.request().url();
        if (url.startsWith('data:') || url.startsWith('blob:') || allowed.has(new URL(url).origin)) return route.continue();
        outside.push(url);
        return route.abort('internetdisconnected');
      });
      return context;
    },
    async close() {
      await browser.close();
      (server as import('node:http').Server).closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Signs in on the sign-in page with `key`; answers once the console's first page is shown. */
export async function signIn(page: Page, origin: string, key: string, next?: string): Promise<void> {
  await page.goto(`${origin}/console/sign-in${next ? `?next=${encodeURIComponent(next)}` : ''}`);
  await page.getByLabel('API key').fill(key);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('[data-health]').waitFor();
}

/** axe-core's violations of the page that are serious or critical (expected: none). */
export async function expectAccessible(page: Page, name: string): Promise<void> {
  await page.addScriptTag({ content: AXE_SOURCE });
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run(
            context: Document,
            options: object,
          ): Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }>;
        };
      }
    ).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
    }));
  });
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious, `${name}: serious or critical accessibility violations`).toEqual([]);
}

/** The page at desktop and phone width, full length, into SCREENSHOTS <name>-desktop|phone.png. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.setViewportSize(DESKTOP);
  await page.screenshot({ path: `${SCREENSHOTS}${name}-desktop.png`, fullPage: true, animations: 'disabled', caret: 'hide' });
  await page.setViewportSize(PHONE);
  // Nothing wider than the phone: wide tables scroll inside their own box, the page does not.
  const overflowing = await page.evaluate((width) => {
    if (document.documentElement.scrollWidth <= width) return [];
    const out: string[] = [`page ${document.documentElement.scrollWidth} px wide`];
    for (const node of document.querySelectorAll('body *')) {
      const box = node.getBoundingClientRect();
      if (box.right > width + 1 && !node.closest('.table-wrap, .tabs'))
        out.push(`${node.tagName.toLowerCase()}.${node.className} ${Math.round(box.right)}`);
    }
    return out.slice(0, 10);
  }, PHONE.width);
  expect(overflowing, `${name}: wider than a phone`).toEqual([]);
  await expectAccessible(page, `${name} (phone width)`);
  await page.screenshot({ path: `${SCREENSHOTS}${name}-phone.png`, fullPage: true, animations: 'disabled', caret: 'hide' });
  await page.setViewportSize(DESKTOP);
}

/** Does `action` (a click that posts a form) and answers the message the next page shows about it. */
export async function act(page: Page, action: () => Promise<void>): Promise<string> {
  await page.evaluate(() =>
    document.querySelectorAll('[data-flash]').forEach((node) => {
      node.remove();
    }),
  );
  await action();
  const flash = page.locator('[data-flash]');
  await flash.waitFor();
  return (await flash.innerText()).trim();
}
