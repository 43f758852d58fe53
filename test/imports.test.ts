/**
 * What src/ modules may import, read from the sources by madge (type-only imports count: they
 * tie modules together for a reader as much as the others do).
 */
import { readdirSync, readFileSync } from 'node:fs';
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

  /** `module -> dep` for every import of a module under `folder` that `forbidden` matches. */
  const reachingFrom = (folder: string, forbidden: RegExp) =>
    Object.entries(imports)
      .filter(([module]) => module.startsWith(folder))
      .flatMap(([module, deps]) => deps.filter((dep) => forbidden.test(dep)).map((dep) => `${module} -> ${dep}`));

  it('keep the domain to itself: domain/ imports nothing of routes/, repositories/, intake/, console/, schemas/ or the app', () => {
    expect(reachingFrom('domain/', /^(routes|repositories|intake|console|schemas|jobs)\/|^(services|app|server|config)\.ts$/)).toEqual([]);
  });

  it('share request schemas through schemas/, which imports only the domain', () => {
    expect(Object.keys(imports).filter((module) => module.startsWith('schemas/')).length).toBeGreaterThan(3);
    expect(reachingFrom('schemas/', /^(routes|repositories|intake|console|jobs)\/|^(services|app|server|config)\.ts$/)).toEqual([]);
  });

  it('keep routes and the intake apart: neither imports the other (they meet in the domain: MalformedBody, OrderListParsing)', () => {
    expect(reachingFrom('intake/', /^routes\//)).toEqual([]);
    expect(reachingFrom('routes/', /^intake\//)).toEqual([]);
  });

  it('give the console no route definitions: its forms are checked with the schemas of schemas/', () => {
    expect(reachingFrom('console/', /^routes\/(.+\.routes\.ts|schemas\.ts|validation\.ts|examples\.ts)$/)).toEqual([]);
  });

  it('build the services from the domain and the repositories: services.ts imports nothing of routes/ or console/ (what the app needs of it is app-services.ts)', () => {
    expect(imports['services.ts']!.filter((dep) => /^(routes|console)\//.test(dep))).toEqual([]);
    expect(reachingFrom('app-services.ts', /^(routes|console|repositories|intake)\/|^(services|app|server)\.ts$/)).toEqual([]);
  });

  it('hand each route group only the services it uses: nothing under routes/ reads them from the request (app.ts passes each its part)', () => {
    const root = fileURLToPath(new URL('../src/routes/', import.meta.url));
    const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((file) => /\.tsx?$/.test(file));
    expect(files.length).toBeGreaterThan(30);
    const reading = files.filter((file) => /\bc\.(get\(\s*['"]services['"]\s*\)|var\.services)/.test(readFileSync(root + file, 'utf8')));
    expect(reading).toEqual([]);
  });
});
