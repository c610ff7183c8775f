import path from "node:path";
import { defineConfig } from "vitest/config";

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
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
