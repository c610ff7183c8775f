import os from "node:os";
import path from "node:path";
import { defineConfig } from "vitest/config";
import AppFilesFirst from "./tests/support/sequencer";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(__dirname) } },
  test: {
    include: ["**/*.test.ts", "tests/**/*.test.ts"],
    exclude: ["node_modules/**", ".next/**", ".data/**"],
    globalSetup: ["tests/support/global-setup.ts"],
    setupFiles: ["tests/support/install-jobs.ts", "tests/support/allow-private-network.ts"],
    // next-auth imports "next/server" without an extension, which Node's ESM loader refuses:
    // processed by Vite, it resolves (tests drive Auth.js's real route handlers).
    server: { deps: { inline: ["next-auth"] } },
    // At least two files at a time, even on 2 cores (vitest's default there is one): a file mostly waits on
    // PostgreSQL, the app server, Chromium or a timer, so a second one fills the gaps. Files that
    // run the app go first (tests/support/sequencer.ts) so the run does not end on one of them.
    // docs/testing.md has the measurements.
    maxWorkers: Math.max(2, os.availableParallelism() - 1),
    sequence: { sequencer: AppFilesFirst },
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
