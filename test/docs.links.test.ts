/**
 * The README as a front door and the pages under docs/: short, every relative link resolving
 * inside the repository (to a file, and to a heading of it when it names one), and the README's
 * test command the one CI runs. Files checked, no server.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');
const pages = [
  'README.md',
  'bench/NOTES.md',
  ...readdirSync(path.join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces as dashes. */
const anchor = (heading: string) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\- _]/gu, '')
    .replace(/ /g, '-');

function headings(text: string): Set<string> {
  const found = new Set<string>();
  let fenced = false;
  for (const line of text.split('\n')) {
    if (line.startsWith('```')) fenced = !fenced;
    const match = /^#{1,6} (.*)$/.exec(line);
    if (match && !fenced) found.add(anchor(match[1]!));
  }
  return found;
}

describe('the documentation', () => {
  it('has a README of at most 250 lines', () => {
    expect(read('README.md').split('\n').length).toBeLessThanOrEqual(250);
  });

  it('links only to files of the repository that exist, and to headings they have', () => {
    const broken: string[] = [];
    for (const page of pages) {
      for (const [, target] of read(page).matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^https?:/.test(target!)) continue;
        const [file, hash] = target!.split('#') as [string, string | undefined];
        const resolved = file ? path.resolve(ROOT, path.dirname(page), file) : path.join(ROOT, page);
        if (!resolved.startsWith(`${ROOT}${path.sep}`) || !existsSync(resolved)) broken.push(`${page}: ${target}`);
        else if (hash && resolved.endsWith('.md') && !headings(readFileSync(resolved, 'utf8')).has(hash)) broken.push(`${page}: ${target}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it("gives the test command CI runs: .ci/run runs the README's `npm test`", () => {
    const readme = read('README.md');
    const command = /^(npm [a-z]+)\s+# runs the whole test suite/m.exec(readme)?.[1];
    expect(command).toBe('npm test');
    expect(read('.ci/run')).toMatch(new RegExp(`^${command} \\|\\| status=\\$\\?$`, 'm'));
  });
});
