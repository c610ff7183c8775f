import { nextRuntime } from "@/lib/env";

/**
 * Runs once when the Next server starts. In the Node runtime, installs the job dispatcher behind
 * the domain's event port (lib/jobs/send.ts) and starts the embedded job runner
 * (when Inngest is not configured). The app has no Edge code (proxy.ts runs on Node in Next 16),
 * so the runner's import never has to be kept out of an Edge bundle.
 */
export async function register() {
  if (nextRuntime() === "nodejs") {
    const { installPeerAddressHeader } = await import("./lib/auth/peer-address");
    installPeerAddressHeader();
    const { installEventDispatcher } = await import("./inngest/dispatch");
    installEventDispatcher();
    const { startEmbeddedRunner } = await import("./inngest/runner/embedded");
    startEmbeddedRunner();
  }
}
