import { installEventDispatcher } from "./inngest/dispatch";
import { startEmbeddedRunner } from "./inngest/runner/embedded";
import { startImapIdle } from "./lib/mailbox/imap/idle-service";

/**
 * The Node-runtime start-up, imported by instrumentation.ts only there: installs the job
 * dispatcher behind the domain's event port (lib/jobs/send.ts), starts the embedded job runner
 * (when Inngest is not configured) and the IMAP IDLE watcher (lib/mailbox/imap/idle-service.ts:
 * on a long-running host, new mail in seconds).
 */
installEventDispatcher();
startEmbeddedRunner();
startImapIdle();
