/**
 * A build of the service made by the same script as `npm run build` (scripts/build.mjs), into a
 * folder of its own under .build/ (inside the repository, so that its modules find node_modules),
 * for tests that run what production runs: `node <dir>/server.js`, no TypeScript loader.
 *
 *   const build = await buildService();        // tsc + assets: ~10-30 s on two busy cores
 *   await startReplicas(1, { ..., built: build.dir });
 *   await build.remove();
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface ServiceBuild {
  /** Absolute path of the build (what dist/ is to `npm run build`). */
  dir: string;
  /** What the build script printed. */
  output: string;
  remove(): Promise<void>;
}

export async function buildService(): Promise<ServiceBuild> {
  const dir = path.join(REPO_ROOT, '.build', `test-${randomUUID().slice(0, 8)}`);
  const output = await new Promise<string>((resolve, reject) =>
    execFile(
      process.execPath,
      [path.join(REPO_ROOT, 'scripts', 'build.mjs'), '--out-dir', dir],
      { cwd: REPO_ROOT, maxBuffer: 1 << 22 },
      (err, stdout, stderr) => (err ? reject(new Error(`build failed: ${stdout}${stderr}${err.message}`)) : resolve(stdout + stderr)),
    ),
  );
  return { dir, output, remove: () => rm(dir, { recursive: true, force: true }) };
}
