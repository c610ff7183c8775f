import { describe, expect, it } from "vitest";
import { alarmingBuildLines } from "./next-build";

/** The test helpers' build check (tests/support/app-server.ts) on output `next build` really printed. */
const EDGE_WARNING = `✓ Generating static pages using 1 worker (15/15) in 818ms
Turbopack build encountered 7 warnings:
./inngest/runner/queue.ts:1:1
Warning: A Node.js module is loaded ('node:crypto' at line 1) which is not supported in the Edge Runtime.
    Learn More: https://nextjs.org/docs/messages/node-module-in-edge-runtime
\u001b[33m\u001b[1m>\u001b[0m \u001b[90m1 |\u001b[0m \u001b[36mimport\u001b[0m { randomUUID } \u001b[36mfrom\u001b[0m \u001b[32m"node:crypto"\u001b[0m;

Ecmascript file had an error

Import traces:
  Edge Instrumentation:
    ./inngest/runner/queue.ts
`;

const CLEAN = `▲ Next.js 16.4.6 (Turbopack)
✓ Running next.config.ts took 138ms

  Creating an optimized production build ...
✓ Compiled successfully in 3.3min
  Running TypeScript ...
✓ Generating static pages using 1 worker (15/15) in 818ms

Route (app)
┌ ○ /
├ ƒ /api/auth/[...nextauth]
ƒ Proxy (Middleware)
`;

describe("alarmingBuildLines", () => {
  it("finds the Edge Runtime warnings a newcomer would read as a failed build", () => {
    expect(alarmingBuildLines(EDGE_WARNING)).toEqual([
      "Turbopack build encountered 7 warnings:",
      "Warning: A Node.js module is loaded ('node:crypto' at line 1) which is not supported in the Edge Runtime.",
      "Ecmascript file had an error",
    ]);
  });

  it("finds nothing in a clean build's output", () => {
    expect(alarmingBuildLines(CLEAN)).toEqual([]);
    expect(alarmingBuildLines(" ⚠ Something odd")).toEqual([" ⚠ Something odd"]);
  });
});
