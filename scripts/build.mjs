#!/usr/bin/env node
/**
 * `npm run build`: the service as plain JavaScript in dist/, run by `npm start` (node dist/server.js),
 * with no TypeScript loader at run time.
 *
 *   1. tsc -p tsconfig.build.json: src/**\/*.ts -> dist/**\/*.js (+ source maps);
 *   2. every other file under src/ (Lua scripts, console assets, ...) copied to the same relative
 *      path in dist/: whatever the service reads next to its modules (import.meta.url) is there;
 *   3. the browser assets the service serves from npm packages (VENDORED below) copied into dist/,
 *      so the production image needs no dev dependency to serve them.
 *
 *   node scripts/build.mjs [--out-dir DIR]     (DIR inside the repository: node_modules is found from it)
 *
 * Plain JavaScript on purpose: it runs wherever Node and the dev dependencies (typescript) are.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SRC = path.join(ROOT, 'src');
const require = createRequire(import.meta.url);

/**
 * Files of npm packages served to browsers, as [package, file inside it, destination in the build].
 * The module that serves one looks for it next to itself first (see src/routes/docs/index.ts).
 */
export const VENDORED = [
  ['@scalar/api-reference', 'dist/browser/standalone.js', 'routes/docs/scalar-api-reference.js'],
  ['htmx.org', 'dist/htmx.min.js', 'console/assets/htmx.min.js'],
];

/** The TypeScript sources are compiled; everything else under src/ is a runtime asset. */
const isCompiled = (name) => name.endsWith('.ts') || name.endsWith('.tsx');

function parseOutDir(argv) {
  const i = argv.indexOf('--out-dir');
  return path.resolve(ROOT, i >= 0 && argv[i + 1] ? argv[i + 1] : 'dist');
}

/** Every file under `dir`, as paths relative to it. */
function filesUnder(dir, prefix = '') {
  const out = [];
  for (const entry of readdirSync(path.join(dir, prefix), { withFileTypes: true })) {
    const rel = path.join(prefix, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(dir, rel));
    else if (entry.isFile()) out.push(rel);
  }
  return out;
}

/** Root of an installed package (its exports map may not expose package.json). */
function packageRoot(name) {
  const resolved = require.resolve(name);
  const marker = `${path.sep}node_modules${path.sep}${name.split('/').join(path.sep)}${path.sep}`;
  const at = resolved.lastIndexOf(marker);
  if (at < 0) throw new Error(`build: cannot locate the package folder of ${name} (resolved ${resolved})`);
  return resolved.slice(0, at + marker.length);
}

export function build(outDir) {
  if (outDir === ROOT || outDir === SRC || !outDir.startsWith(ROOT + path.sep)) {
    throw new Error(`build: refusing to write to ${outDir} (must be a folder inside ${ROOT})`);
  }
  rmSync(outDir, { recursive: true, force: true });

  const tsc = require.resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', path.join(ROOT, 'tsconfig.build.json'), '--outDir', outDir], {
    cwd: ROOT,
    stdio: 'inherit',
  });

  const assets = filesUnder(SRC).filter((rel) => !isCompiled(rel));
  for (const rel of assets) {
    mkdirSync(path.dirname(path.join(outDir, rel)), { recursive: true });
    copyFileSync(path.join(SRC, rel), path.join(outDir, rel));
  }

  for (const [pkg, file, dest] of VENDORED) {
    const from = path.join(packageRoot(pkg), file);
    if (!existsSync(from)) throw new Error(`build: ${pkg} has no ${file} (is it installed? npm ci)`);
    mkdirSync(path.dirname(path.join(outDir, dest)), { recursive: true });
    copyFileSync(from, path.join(outDir, dest));
  }
  return { outDir, assets, vendored: VENDORED.map(([, , dest]) => dest) };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = Date.now();
  const { outDir, assets, vendored } = build(parseOutDir(process.argv.slice(2)));
  const rel = path.relative(ROOT, outDir);
  process.stdout.write(
    `build: ${rel}/ in ${((Date.now() - started) / 1000).toFixed(1)} s ` +
      `(${assets.length} asset file${assets.length === 1 ? '' : 's'} from src/, ${vendored.length} vendored); ` +
      `run it with: node ${rel}/server.js\n`,
  );
}
