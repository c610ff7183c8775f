/**
 * Runs once when the Next server starts. Next compiles this file for the Node and the Edge
 * runtime alike, so the Node-only start-up (job dispatcher and runner, which import node:crypto,
 * the database…) sits behind the one check Next replaces with a constant at build time: the Edge
 * compile then drops the import instead of warning about every Node module behind it.
 */
export async function register() {
  // The one exception to "only lib/env.ts reads process.env" (ARCHITECTURE.md, Rules): this exact
  // expression is a build-time constant, not configuration; a function call would defeat it.
  if (process.env.NEXT_RUNTIME === "nodejs") await import("./instrumentation-node");
}
