import { afterAll, beforeAll } from "vitest";
import type { Db } from "@/db/client";
import { runnableFunctions } from "@/inngest/runner/functions";
import { startRunner, type Runner } from "@/inngest/runner/runner";

/**
 * Runs the project's jobs in the background of a test file, as the embedded runner does under
 * `npm start` (without crons: tests drive time themselves). For tests that check what a user
 * sees once a queued job has done its work. Call at the top level, after useTestDatabase().
 */
export function useJobRunner(db: () => Db): void {
  let runner: Runner | undefined;
  beforeAll(() => {
    runner = startRunner({ db: db(), functions: runnableFunctions(), crons: false, pollIntervalMs: 25, backoffMs: () => 50 });
  });
  afterAll(async () => {
    await runner?.stop();
  });
}
