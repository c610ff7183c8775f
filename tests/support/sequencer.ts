import fs from "node:fs";
import { BaseSequencer, type TestSpecification } from "vitest/node";
import { isBuildFresh } from "../../scripts/lib/next-build";

/**
 * The order files start in. A file that runs the production app (every e2e file, and the few
 * integration files that start it) takes 5-200 s against about a second for the others: started
 * first, the run does not end waiting on one of them while the other workers sit idle.
 * Within each kind vitest's own order holds (the last run's slowest first, else the largest file).
 *
 * Without a current build the first such file builds it (tests/support/production-build.ts) and
 * the others would wait for it, each holding a worker: then only that one goes first, the other
 * files keep the remaining workers busy meanwhile, and the rest of the app files come last.
 */
const usesApp = (spec: TestSpecification): boolean => {
  if (spec.moduleId.includes("/tests/e2e/")) return true;
  const source = fs.readFileSync(spec.moduleId, "utf8");
  return /\b(useAppServer|startAppServer|ensureProductionBuild)\(/.test(source);
};

export default class AppFilesFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const app = sorted.filter(usesApp);
    const rest = sorted.filter((spec) => !app.includes(spec));
    if (app.length === 0) return rest;
    if (isBuildFresh(this.ctx.config.root)) return [...app, ...rest];
    return [app[0], ...rest, ...app.slice(1)];
  }
}
