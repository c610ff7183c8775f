import { installEventDispatcher } from "./inngest/dispatch";
import { installPeerAddressHeader } from "./lib/auth/peer-address";
import { startEmbeddedRunner } from "./inngest/runner/embedded";
import { startImapIdle } from "./lib/mailbox/imap/idle-service";

/**
 * The Node-runtime start-up, imported by instrumentation.ts only there: stamps every request with
 * its TCP peer's address for sign-in throttling (lib/auth/peer-address.ts), installs the job
 * dispatcher behind the domain's event port (lib/jobs/send.ts), starts the embedded job runner
 * (when Inngest is not configured) and the IMAP IDLE watcher (lib/mailbox/imap/idle-service.ts:
 * on a long-running host, new mail in seconds).
 */
installPeerAddressHeader();
installEventDispatcher();
startEmbeddedRunner();
startImapIdle();
