import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(__dirname) } },
  test: {
    include: ["**/*.test.ts", "tests/**/*.test.ts"],
    exclude: ["node_modules/**", ".next/**", ".data/**"],
    globalSetup: ["tests/support/global-setup.ts"],
    setupFiles: ["tests/support/install-jobs.ts", "tests/support/allow-private-network.ts"],
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
