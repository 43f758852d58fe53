/**
 * The Dockerfile and the compose files, checked without a Docker engine (there is none here):
 * parsed (the `yaml` package; also `docker-compose config` when Debian's docker-compose is on
 * PATH) and held to what docs/operations.md promises: a build stage, a slim runtime with production
 * dependencies and dist/ only, a non-root user, a HEALTHCHECK on /ready, the compiled service as
 * CMD, and compose files that run that image with Redis 7 (AOF) and MongoDB 7. test/build.test.ts
 * proves that what the image runs (node dist/server.js of a build) serves every route.
 *
 * Also: the build's modules import at run time only what `npm ci --omit=dev` installs.
 */
import { execFileSync } from 'node:child_process';
import { builtinModules } from 'node:module';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');
const pkg = JSON.parse(read('package.json')) as {
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

interface Instruction {
  op: string;
  args: string;
}
interface Stage {
  from: string;
  name?: string;
  instructions: Instruction[];
}

/** The Dockerfile's stages, each with its instructions (continuation lines joined, comments dropped). */
function dockerfileStages(text: string): Stage[] {
  const lines = text
    .replace(/\\\n\s*/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  const stages: Stage[] = [];
  for (const line of lines) {
    const [, op, args] = /^(\w+)\s+(.*)$/.exec(line) ?? [];
    if (!op) continue;
    if (op.toUpperCase() === 'FROM') {
      const [, image, name] = /^(\S+)(?:\s+AS\s+(\S+))?/i.exec(args!) ?? [];
      stages.push({ from: image!, name, instructions: [] });
    } else stages.at(-1)?.instructions.push({ op: op.toUpperCase(), args: args! });
  }
  return stages;
}

const all = (stage: Stage, op: string) => stage.instructions.filter((i) => i.op === op).map((i) => i.args);
const composeFile = (file: string) => parse(read(file), { merge: true }) as { services: Record<string, any> };

describe('Dockerfile', () => {
  const stages = dockerfileStages(read('Dockerfile'));
  const build = stages.find((s) => s.name === 'build')!;
  const runtime = stages.at(-1)!;

  it('builds in a stage of its own with `npm run build`, from everything the build script reads', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(build).toBeDefined();
    expect(all(build, 'RUN')).toEqual(expect.arrayContaining([expect.stringMatching(/^npm ci\b/), 'npm run build']));
    const copied = all(build, 'COPY').join(' ');
    for (const needed of ['package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json', 'scripts/build.mjs', 'src']) {
      expect(copied).toContain(needed);
    }
    const ignored = read('.dockerignore')
      .split('\n')
      .map((l) => l.trim());
    for (const needed of ['src', 'scripts', 'package.json', 'tsconfig.json', 'tsconfig.build.json']) expect(ignored).not.toContain(needed);
  });

  it('runs a slim image with the production dependencies and dist/ only, as a non-root user', () => {
    expect(runtime.from).toMatch(/^node:\d+-slim$/);
    expect(all(runtime, 'RUN').join(' ')).toMatch(/npm ci --omit=dev/);
    const copies = all(runtime, 'COPY');
    expect(copies).toEqual(expect.arrayContaining([expect.stringMatching(/^--from=build \/app\/dist \.\/dist$/)]));
    // nothing else of the sources: only the manifests beside dist/
    expect(
      copies.filter((c) => !c.startsWith('--from=build /app/dist')).every((c) => /^package\.json package-lock\.json \.\/$/.test(c)),
    ).toBe(true);
    const user = all(runtime, 'USER');
    expect(user).toHaveLength(1);
    expect(user[0]).not.toMatch(/^(root|0)(:|$)/);
  });

  it('checks its health on /ready and runs the compiled service with plain Node, as `npm start` does', () => {
    const [healthcheck] = all(runtime, 'HEALTHCHECK');
    expect(healthcheck).toMatch(/\/ready/);
    const [cmd] = all(runtime, 'CMD');
    const argv = JSON.parse(cmd!) as string[];
    expect(argv[0]).toBe('node');
    expect(argv.at(-1)).toBe('dist/server.js');
    expect(argv.join(' ')).not.toMatch(/tsx|\.ts\b/);
    expect(pkg.scripts.start).toBe(argv.join(' '));
  });
});

describe('docker-compose.yml', () => {
  const { services } = composeFile('docker-compose.yml');

  it('runs the image with Redis 7 (AOF, fsync always) and MongoDB 7, started once healthy', () => {
    expect(services.redis.image).toBe('redis:7');
    expect(services.redis.command.join(' ')).toMatch(/--appendonly yes --appendfsync always/);
    expect(services.redis.healthcheck.test).toBeDefined();
    expect(services.mongo.image).toBe('mongo:7');
    expect(services.mongo.healthcheck.test).toBeDefined();
    const app = services.reservoir;
    expect(app.build).toBe('.');
    expect(app.environment).toMatchObject({
      REDIS_URL: 'redis://redis:6379',
      MONGO_URL: expect.stringMatching(/^mongodb:\/\/mongo:27017\/\w+/),
    });
    expect(app.environment.ADMIN_API_KEY).toBeDefined();
    expect(app.depends_on).toEqual({ redis: { condition: 'service_healthy' }, mongo: { condition: 'service_healthy' } });
    // the image's HEALTHCHECK (/ready) is the one used
    expect(app.healthcheck).toBeUndefined();
  });
});

describe('docker-compose.yml, profile monitoring', () => {
  const { services } = composeFile('docker-compose.yml');

  it('adds Prometheus (with the alert rules) and Grafana (with the dashboard), started only on request', () => {
    for (const name of ['prometheus', 'grafana']) expect(services[name].profiles).toEqual(['monitoring']);
    for (const name of ['redis', 'mongo', 'reservoir']) expect(services[name].profiles).toBeUndefined();
    const prometheusMounts = services.prometheus.volumes.join(' ');
    expect(prometheusMounts).toContain('./deploy/prometheus/alerts.yml:/etc/prometheus/alerts.yml');
    expect(prometheusMounts).toContain('./deploy/prometheus/prometheus.yml:/etc/prometheus/prometheus.yml');
    const scrape = parse(read('deploy/prometheus/prometheus.yml')) as {
      rule_files: string[];
      scrape_configs: { static_configs: { targets: string[] }[]; authorization: { credentials_file: string } }[];
    };
    expect(scrape.rule_files).toContain('/etc/prometheus/alerts.yml');
    expect(scrape.scrape_configs[0]!.static_configs[0]!.targets).toEqual(['reservoir:8080']);
    // the key Prometheus sends is the one the service accepts on /metrics
    expect(services.prometheus.environment.METRICS_API_KEY).toBe(services.reservoir.environment.METRICS_API_KEY);
    expect(services.prometheus.command.join(' ')).toContain(scrape.scrape_configs[0]!.authorization.credentials_file);
    const grafanaMounts = services.grafana.volumes.join(' ');
    expect(grafanaMounts).toContain('./deploy/grafana/provisioning:/etc/grafana/provisioning');
    expect(grafanaMounts).toContain('./deploy/grafana/dashboards:/var/lib/grafana/dashboards');
  });
});

describe('docker-compose.cluster.yml', () => {
  const { services } = composeFile('docker-compose.cluster.yml');
  const replicas = Object.keys(services).filter((name) => /^reservoir-\d+$/.test(name));

  it('runs three replicas of the image on a Redis Cluster and a MongoDB replica set, behind a balancer that waits for them', () => {
    expect(replicas).toHaveLength(3);
    for (const name of replicas) {
      const replica = services[name];
      expect(replica.build).toBe('.');
      expect(replica.environment.REDIS_CLUSTER_NODES.split(',')).toHaveLength(3);
      expect(replica.environment.MONGO_URL).toMatch(/replicaSet=rs0/);
      expect(replica.healthcheck).toBeUndefined();
      expect(services.lb.depends_on[name]).toEqual({ condition: 'service_healthy' });
    }
    const redisNodes = Object.keys(services).filter((name) => /^redis-\d+$/.test(name));
    expect(redisNodes).toHaveLength(6);
    for (const name of redisNodes) expect(services[name].command.join(' ')).toMatch(/--cluster-enabled yes .*--appendonly yes/);
  });
});

const composeCli = (() => {
  try {
    execFileSync('docker-compose', ['version'], { stdio: 'ignore' });
    return 'docker-compose';
  } catch {
    return undefined;
  }
})();

// Without the CLI the checks above still hold; with it, Compose's own schema checks run too. The
// skip names its reason in the report.
describe.skipIf(!composeCli)(composeCli ? 'docker-compose config' : 'docker-compose config (skipped: no docker-compose on PATH)', () => {
  it.each(['docker-compose.yml', 'docker-compose.cluster.yml'])('%s is valid for Compose', (file) => {
    expect(() => execFileSync(composeCli!, ['-f', path.join(ROOT, file), 'config', '-q'], { cwd: ROOT, stdio: 'pipe' })).not.toThrow();
  });
});

describe('the build at run time', () => {
  /** Packages the service may import only dynamically, and does without (pretty logs in development). */
  const OPTIONAL_AT_RUN_TIME = new Set(['pino-pretty']);

  function sources(dir: string): string[] {
    return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
      const p = path.join(dir, e.name);
      return e.isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
    });
  }

  it('imports only production dependencies (what the image installs) and Node built-ins', () => {
    const builtins = new Set(builtinModules);
    const wrong: string[] = [];
    for (const file of sources(path.join(ROOT, 'src'))) {
      const text = readFileSync(file, 'utf8');
      const staticImports = [
        ...text.matchAll(/^\s*(?:import|export)\s(?!type\b)[^'"]*?from\s+'([^']+)'/gm),
        ...text.matchAll(/^\s*import\s+'([^']+)'/gm),
      ].map((m) => m[1]!);
      const dynamicImports = [...text.matchAll(/\bimport\(\s*'([^']+)'\s*\)/g)].map((m) => m[1]!);
      for (const [specifier, dynamic] of [
        ...staticImports.map((s) => [s, false] as const),
        ...dynamicImports.map((s) => [s, true] as const),
      ]) {
        if (specifier.startsWith('.') || specifier.startsWith('node:') || builtins.has(specifier)) continue;
        const name = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!;
        if (name in pkg.dependencies) continue;
        if (dynamic && OPTIONAL_AT_RUN_TIME.has(name)) continue;
        wrong.push(`${path.relative(ROOT, file)}: ${specifier}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
