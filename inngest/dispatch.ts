import { isInngestConfigured } from "@/lib/env";
import { setEventDispatcher, type PlainEvent } from "@/lib/jobs/send";

/**
 * The job layer's side of the event port (lib/jobs/send.ts): events go to Inngest when it is
 * configured, else into the embedded runner's durable queue (job_runs).
 */
async function dispatchEvents(events: PlainEvent[]): Promise<void> {
  if (isInngestConfigured()) {
    const { inngest } = await import("./client");
    await inngest.send(events);
    return;
  }
  // Imported lazily: the runner pulls in every function, which may themselves send events.
  const { enqueueEmbedded } = await import("./runner/embedded");
  await enqueueEmbedded(events);
}

export function installEventDispatcher(): void {
  setEventDispatcher(dispatchEvents);
}
