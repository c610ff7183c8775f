import { installEventDispatcher } from "./inngest/dispatch";
import { startEmbeddedRunner } from "./inngest/runner/embedded";

/**
 * The Node-runtime start-up, imported by instrumentation.ts only there: installs the job
 * dispatcher behind the domain's event port (lib/jobs/send.ts) and starts the embedded job runner
 * (when Inngest is not configured).
 */
installEventDispatcher();
startEmbeddedRunner();
