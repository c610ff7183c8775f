/**
 * Runs once when the Next server starts. In the Node runtime, starts the embedded job runner
 * (when Inngest is not configured). NEXT_RUNTIME is read from process.env directly because Next
 * replaces it at build time to drop Node-only code from other runtimes; it is the one exception
 * to "only lib/env.ts reads process.env".
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { startEmbeddedRunner } = await import("./inngest/runner/embedded");
    startEmbeddedRunner();
  }
}
