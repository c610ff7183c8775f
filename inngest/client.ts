import { Inngest } from "inngest";
import { env } from "@/lib/env";

/**
 * The Inngest client. With INNGEST_EVENT_KEY / INNGEST_SIGNING_KEY (Inngest Cloud or a
 * self-hosted server at INNGEST_BASE_URL) or INNGEST_DEV, events go to Inngest and
 * app/api/inngest serves the functions. Without them the embedded runner (inngest/runner) runs
 * the same function definitions in process; send events through sendEvent() (lib/jobs/send.ts),
 * never the client's own send method, so both paths work.
 */
const e = env();

export const inngest = new Inngest({
  id: "postdesk",
  eventKey: e.INNGEST_EVENT_KEY,
  signingKey: e.INNGEST_SIGNING_KEY,
  baseUrl: e.INNGEST_BASE_URL,
  isDev: e.INNGEST_DEV ? true : undefined,
});
