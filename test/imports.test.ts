/**
 * What src/ modules may import, read from the sources by madge (type-only imports count: they
 * tie modules together for a reader as much as the others do).
 */
import { fileURLToPath } from 'node:url';
import madge from 'madge';
import { beforeAll, describe, expect, it } from 'vitest';

let imports: Record<string, string[]>;
let cycles: string[][];
let unresolved: string[];

beforeAll(async () => {
  const graph = await madge(fileURLToPath(new URL('../src', import.meta.url)), {
    fileExtensions: ['ts', 'tsx'],
    tsConfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)),
    includeNpm: true,
    detectiveOptions: { ts: { skipTypeImports: false }, es6: { skipTypeImports: false } },
  });
  imports = graph.obj();
  cycles = graph.circular();
  unresolved = graph.warnings().skipped;
});

describe('imports of src/', () => {
  it('are all resolved, so that none escapes the checks below', () => {
    expect(Object.keys(imports).length).toBeGreaterThan(40);
    expect(unresolved).toEqual([]);
  });

  it('form no cycle', () => {
    expect(cycles).toEqual([]);
  });

  it('give routes no client: nothing under routes/ imports services.ts, app.ts, server.ts, repositories/, ioredis or mongodb', () => {
    const forbidden = /^(services|app|server)\.ts$|^repositories\/|node_modules\/(ioredis|mongodb)\//;
    const reaching = Object.entries(imports)
      .filter(([module]) => module.startsWith('routes/'))
      .flatMap(([module, deps]) => deps.filter((dep) => forbidden.test(dep)).map((dep) => `${module} -> ${dep}`));
    expect(reaching).toEqual([]);
  });

  it(
    'give the console no client: it calls the services (src/console imports no services.ts, app.ts, repositories/, ioredis nor ' +
      'mongodb)',
    () => {
      const forbidden = /^(services|app|server)\.ts$|^repositories\/|node_modules\/(ioredis|mongodb)\//;
      const modules = Object.keys(imports).filter((module) => module.startsWith('console/'));
      expect(modules.length).toBeGreaterThan(5);
      const reaching = modules.flatMap((module) =>
        imports[module]!.filter((dep) => forbidden.test(dep)).map((dep) => `${module} -> ${dep}`),
      );
      expect(reaching).toEqual([]);
    },
  );
});
