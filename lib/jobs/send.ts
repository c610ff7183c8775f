import type { PostdeskEvent } from "./events";

/**
 * The event port: the one way the domain asks for background work. The domain never imports the
 * job layer (inngest/); the process that runs it installs a dispatcher first —
 * `installEventDispatcher()` in inngest/dispatch.ts, called by instrumentation.ts for the server,
 * by the test setup, and by scripts that run domain code. Call sendEvent after the transaction
 * that caused the event has committed. Event data is validated against its zod schema first.
 */
export type PlainEvent = { name: string; data: Record<string, unknown>; id?: string };
export type EventDispatcher = (events: PlainEvent[]) => Promise<void>;

// On globalThis: Next bundles instrumentation and route handlers separately, in one process.
const holder = globalThis as unknown as { __postdeskEventDispatcher?: EventDispatcher };

export function setEventDispatcher(dispatcher: EventDispatcher): void {
  holder.__postdeskEventDispatcher = dispatcher;
}

export async function sendEvent(event: PostdeskEvent | PostdeskEvent[]): Promise<void> {
  const events = Array.isArray(event) ? event : [event];
  for (const e of events) await e.validate();
  const dispatcher = holder.__postdeskEventDispatcher;
  if (!dispatcher) throw new Error("No job dispatcher is installed in this process (call installEventDispatcher() from inngest/dispatch.ts at start-up)");
  await dispatcher(events.map(({ name, data, id }) => ({ name, data: data as Record<string, unknown>, id })));
}
