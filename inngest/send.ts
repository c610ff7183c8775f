import { isInngestConfigured } from "@/lib/env";
import type { PostdeskEvent } from "./events";

/**
 * The one way the app sends events: to Inngest when it is configured, else into the embedded
 * runner's durable queue. Call it after the transaction that caused the event has committed.
 * Event data is validated against the event's zod schema first.
 */
export async function sendEvent(event: PostdeskEvent | PostdeskEvent[]): Promise<void> {
  const events = Array.isArray(event) ? event : [event];
  for (const e of events) await e.validate();
  const plain = events.map(({ name, data, id }) => ({ name, data: data as Record<string, unknown>, id }));
  if (isInngestConfigured()) {
    const { inngest } = await import("./client");
    await inngest.send(plain);
    return;
  }
  // Imported lazily: the runner pulls in every function, which may themselves send events.
  const { enqueueEmbedded } = await import("./runner/embedded");
  await enqueueEmbedded(plain);
}
