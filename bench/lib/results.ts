/** Each benchmark writes its figures to bench/results/<name>.json; report.ts turns them into RESULTS.md. */
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RESULTS_DIR } from './env.js';

export function saveResult(name: string, data: unknown) {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `${name}.json`);
  const loadAverage = os.loadavg().map((l) => Math.round(l * 100) / 100);
  writeFileSync(file, `${JSON.stringify({ savedAt: new Date().toISOString(), loadAverage, ...(data as object) }, null, 2)}\n`);
  console.log(`  -> ${path.relative(process.cwd(), file)}`);
}

export function loadResult<T>(name: string): (T & { savedAt: string }) | null {
  const file = path.join(RESULTS_DIR, `${name}.json`);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as T & { savedAt: string }) : null;
}

export const log = (...parts: unknown[]) => console.log(`[${new Date().toISOString().slice(11, 19)}]`, ...parts);
