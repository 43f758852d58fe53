/** @jsxImportSource hono/jsx */
import type { Context } from 'hono';
import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import { CONSOLE_BASE, isAdmin, tenantPath, type ConsoleEnv, type Flash } from './env.js';
import { FlashMessage, formatDuration, Time } from './format.js';
import { readHealth, type HealthStrip } from './health.js';
import type { ConsoleIdentity } from '../domain/console-sessions.js';

export const ASSETS = `${CONSOLE_BASE}/assets`;

/**
 * htmx, as the console uses it: every link and form is "boosted" (fetched, and the body swapped,
 * so pages change without a reload); error pages are shown too; nothing is kept in localStorage
 * (a page may show a new API key once); no eval (the Content-Security-Policy forbids it).
 */
const HTMX_CONFIG = JSON.stringify({
  responseHandling: [
    { code: '204', swap: false },
    { code: '.*', swap: true },
  ],
  historyCacheSize: 0,
  refreshOnHistoryMiss: true,
  includeIndicatorStyles: false,
  allowEval: false,
  allowScriptTags: false,
  scrollIntoViewOnBoost: false,
});

export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; form-action " +
  "'self'; frame-ancestors 'none'; base-uri 'none'";

function Document({ title, csrfToken, children }: { title: string; csrfToken?: string; children: Child }) {
  return (
    <>
      {raw('<!doctype html>')}
      <html lang="en">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <meta name="color-scheme" content="light" />
          <meta name="htmx-config" content={HTMX_CONFIG} />
          <title>{`${title} · Reservoir console`}</title>
          <link rel="stylesheet" href={`${ASSETS}/console.css`} />
          <script src={`${ASSETS}/htmx.min.js`} defer></script>
          <script src={`${ASSETS}/console.js`} defer></script>
        </head>
        <body hx-boost="true" hx-headers={csrfToken ? JSON.stringify({ 'X-CSRF-Token': csrfToken }) : undefined}>
          {children}
        </body>
      </html>
    </>
  );
}

function HealthItems({ health }: { health: HealthStrip }) {
  const last = health.lastSync;
  const failed = last ? last.tenants.filter((t) => t.status === 'failed').length : 0;
  return (
    <ul class="health" aria-label="Service health" data-health="">
      <li>
        <span class={`dot dot-${health.redis}`} aria-hidden="true"></span>Redis <strong data-health-redis="">{health.redis}</strong>
      </li>
      <li>
        <span class={`dot dot-${health.mongodb}`} aria-hidden="true"></span>MongoDB <strong data-health-mongodb="">{health.mongodb}</strong>
      </li>
      <li>
        <span class={`dot dot-${last === null ? 'none' : last.ok ? 'up' : 'down'}`} aria-hidden="true"></span>
        Last sync{' '}
        {last ? (
          <>
            <Time iso={last.finishedAt} /> <strong>{last.ok ? 'ok' : `${failed} failed`}</strong>
          </>
        ) : (
          <strong>none yet</strong>
        )}
        {health.syncRunning ? <em> (running)</em> : null}
      </li>
      <li>
        Event-loop lag <strong>{formatDuration(health.eventLoopLagMs)}</strong>
      </li>
      <li>
        Version <strong>{health.version}</strong>
      </li>
    </ul>
  );
}

function identityLabel(identity: ConsoleIdentity): string {
  return identity.kind === 'admin' ? 'Admin' : `Tenant ${identity.tenantId}`;
}

export interface TenantTab {
  id: 'overview' | 'orders' | 'stock' | 'activity' | 'sync' | 'self-check' | 'webhooks' | 'keys';
  label: string;
  path: string;
  adminOnly?: boolean;
}

export const TENANT_TABS: TenantTab[] = [
  { id: 'overview', label: 'Overview', path: '' },
  { id: 'orders', label: 'Orders', path: '/orders' },
  { id: 'stock', label: 'Stock', path: '/stock' },
  { id: 'activity', label: 'Live activity', path: '/activity' },
  { id: 'sync', label: 'Sync', path: '/sync' },
  { id: 'self-check', label: 'Self-check', path: '/self-check', adminOnly: true },
  { id: 'webhooks', label: 'Webhooks', path: '/webhooks' },
  { id: 'keys', label: 'API keys', path: '/keys', adminOnly: true },
];

export interface PageOptions {
  title: string;
  /** The tenant whose page this is, and which of its tabs. */
  tenant?: { id: number; tab: TenantTab['id'] };
  /** The operator's message of this page, else the flash of the action before. */
  flash?: Flash | null;
  status?: 200 | 400 | 403 | 404 | 409 | 500 | 503;
  actions?: Child;
}

/** A whole console page: the top bar with the health strip, the tenant's tabs, the feedback, the content. */
export async function renderPage(c: Context<ConsoleEnv>, options: PageOptions, content: Child) {
  const session = c.get('session');
  const identity = session.identity;
  const health = await readHealth(c.get('services'));
  const flash = options.flash ?? c.get('flash');
  const tenant = options.tenant;
  c.header('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  return c.html(
    <Document title={options.title} csrfToken={session.csrfToken}>
      <a class="skip" href="#main">
        Skip to content
      </a>
      <header class="topbar">
        <div class="topbar-row">
          <a class="brand" href={CONSOLE_BASE}>
            <span class="brand-mark" aria-hidden="true">
              R
            </span>
            Reservoir<span class="brand-sub">ops console</span>
          </a>
          <nav class="mainnav" aria-label="Main">
            {isAdmin(identity) ? (
              <a href={`${CONSOLE_BASE}/tenants`} aria-current={tenant ? undefined : 'page'}>
                Tenants
              </a>
            ) : (
              <a href={tenantPath(identity.kind === 'tenant' ? identity.tenantId : 0)}>My tenant</a>
            )}
          </nav>
          <div class="who">
            <span class="who-name">{identityLabel(identity)}</span>
            <form method="post" action={`${CONSOLE_BASE}/sign-out`}>
              <input type="hidden" name="_csrf" value={session.csrfToken} />
              <button type="submit" class="btn btn-ghost btn-small">
                Sign out
              </button>
            </form>
          </div>
        </div>
        <HealthItems health={health} />
      </header>
      <main id="main" class="container" tabindex={-1}>
        <div class="page-head">
          <h1>{options.title}</h1>
          {options.actions ? <div class="page-actions">{options.actions}</div> : null}
        </div>
        {tenant ? (
          <nav class="tabs" aria-label={`Tenant ${tenant.id}`}>
            {TENANT_TABS.filter((tab) => !tab.adminOnly || isAdmin(identity)).map((tab) => (
              <a href={tenantPath(tenant.id, tab.path)} aria-current={tab.id === tenant.tab ? 'page' : undefined}>
                {tab.label}
              </a>
            ))}
          </nav>
        ) : null}
        <FlashMessage flash={flash} />
        {content}
      </main>
    </Document>,
    options.status ?? 200,
  );
}

/** The sign-in page (no session yet: no health strip, which is for signed-in operators only). */
export function renderSignIn(c: Context<ConsoleEnv>, options: { next: string; error?: string; status?: 200 | 401 | 403 | 429 }) {
  c.header('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  c.header('Cache-Control', 'no-store');
  return c.html(
    <Document title="Sign in">
      <main id="main" class="signin">
        <div class="signin-card">
          <p class="brand brand-dark">
            <span class="brand-mark" aria-hidden="true">
              R
            </span>
            Reservoir<span class="brand-sub">ops console</span>
          </p>
          <h1>Sign in</h1>
          <p class="muted">With the admin key (every tenant), or a tenant's API key (that tenant only).</p>
          {options.error ? (
            <div class="flash flash-error" role="alert">
              {options.error}
            </div>
          ) : null}
          <form method="post" action={`${CONSOLE_BASE}/sign-in`} class="stack">
            <input type="hidden" name="next" value={options.next} />
            <label for="key">API key</label>
            <input id="key" name="key" type="password" autocomplete="current-password" required autofocus spellcheck={false} />
            <button type="submit" class="btn btn-primary">
              Sign in
            </button>
          </form>
          <p class="muted small">The key is exchanged for a session cookie and not kept in the browser.</p>
        </div>
      </main>
    </Document>,
    options.status ?? 200,
  );
}

/** Sections of a page. */
export function Card({ title, id, children, actions }: { title?: string; id?: string; children: Child; actions?: Child }) {
  return (
    <section class="card" id={id} aria-labelledby={title && id ? `${id}-title` : undefined}>
      {title ? (
        <div class="card-head">
          <h2 id={id ? `${id}-title` : undefined}>{title}</h2>
          {actions ? <div class="card-actions">{actions}</div> : null}
        </div>
      ) : null}
      {children}
    </section>
  );
}
