import path from 'node:path';
import type { Reporter, TestModule, Vitest } from 'vitest/node';

/**
 * Ends the run with a plain `N passed, N failed, N skipped` line that any CI can read, preceded by
 * the test files that ran in one mode only: the suite runs each file once on a single Redis and
 * once on a Redis Cluster (vitest.config.ts), except the files its SINGLE_ONLY and CLUSTER_ONLY
 * lists leave out of a project. The list is what this run did, read from its results, so it
 * follows those lists (and any filter given on the command line) without repeating them.
 */
export default class SummaryReporter implements Reporter {
  private projects: string[] = [];
  private root = process.cwd();

  onInit(vitest: Vitest) {
    this.projects = vitest.projects.map((project) => project.name);
    this.root = vitest.config.root;
  }

  onTestRunEnd(testModules: ReadonlyArray<TestModule>) {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    const ranIn = new Map<string, Set<string>>();
    for (const module of testModules) {
      let failedHere = 0;
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed++;
        else if (state === 'failed') failedHere++;
        else skipped++;
      }
      // A file that failed outside its tests (it did not load, a hook threw) counts once.
      failed += module.state() === 'failed' && failedHere === 0 ? 1 : failedHere;
      const file = path.relative(this.root, module.moduleId);
      ranIn.set(file, (ranIn.get(file) ?? new Set()).add(module.project.name));
    }
    process.stdout.write(`\n${this.oneModeOnly(ranIn)}${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
  }

  /** Which files ran in one project only, by project; empty when every file ran in every project. */
  private oneModeOnly(ranIn: Map<string, Set<string>>): string {
    const ran = new Set([...ranIn.values()].flatMap((projects) => [...projects]));
    if (this.projects.length < 2 || ran.size < 2) {
      const only = [...ran].join(', ') || 'none';
      return this.projects.length < 2 ? `Ran in one mode only: project ${only} (no other project in this run).\n` : '';
    }
    const lines: string[] = [];
    for (const project of this.projects) {
      const files = [...ranIn]
        .filter(([, projects]) => projects.size === 1 && projects.has(project))
        .map(([file]) => file)
        .sort();
      if (files.length > 0) lines.push(`Ran in project ${project} only (${files.length}):\n${files.map((f) => `  ${f}\n`).join('')}`);
    }
    return lines.join('');
  }
}
