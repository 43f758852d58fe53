/** @jsxImportSource hono/jsx */
import type { Child } from 'hono/jsx';
import type { Flash } from './env.js';

/** The small pieces every page uses: numbers, times, badges, empty states, feedback. */

const integer = new Intl.NumberFormat('en-US');
const decimal = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

export const formatNumber = (n: number) => integer.format(n);

export function Num({ value }: { value: number | null | undefined }) {
  return <span class="num">{value === null || value === undefined ? '—' : formatNumber(value)}</span>;
}

export function Percent({ value }: { value: number | null }) {
  return <span class="num">{value === null ? '—' : `${decimal.format(value * 100)} %`}</span>;
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${decimal.format(ms / 1000)} s`;
  return `${decimal.format(ms / 60_000)} min`;
}

const utcText = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;

/**
 * A moment: written in UTC on the server, shown in the operator's local time by console.js, with
 * the UTC value on hover (title) and for machines (datetime).
 */
export function Time({ iso }: { iso: string | null | undefined }) {
  if (!iso) return <span class="muted">—</span>;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return <span>{iso}</span>;
  const utc = date.toISOString();
  return (
    <time datetime={utc} title={utcText(utc)} data-local="">
      {utcText(utc)}
    </time>
  );
}

export type Tone = 'ok' | 'bad' | 'warn' | 'neutral' | 'info';

export function Badge({ tone, children }: { tone: Tone; children: Child }) {
  return <span class={`badge badge-${tone}`}>{children}</span>;
}

export const syncTone = (status: string): Tone => (status === 'synced' ? 'ok' : status === 'failed' ? 'bad' : 'neutral');

export function Empty({ title, children }: { title: string; children?: Child }) {
  return (
    <div class="empty">
      <p class="empty-title">{title}</p>
      {children ? <p>{children}</p> : null}
    </div>
  );
}

export function FlashMessage({ flash }: { flash: Flash | null }) {
  if (!flash) return null;
  return (
    <div class={`flash flash-${flash.kind}`} role={flash.kind === 'error' ? 'alert' : 'status'} data-flash="">
      {flash.text}
    </div>
  );
}

/** The hidden field that carries the session's CSRF token in every form. */
export function Csrf({ token }: { token: string }) {
  return <input type="hidden" name="_csrf" value={token} />;
}

/** A horizontally scrolling table, reachable by keyboard (it takes the focus when it scrolls). */
export function TableWrap({ label, children }: { label: string; children: Child }) {
  return (
    <section class="table-wrap" tabindex={0} aria-label={label}>
      {children}
    </section>
  );
}
