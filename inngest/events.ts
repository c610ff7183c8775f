import { eventType } from "inngest";
import { z } from "zod";

/**
 * Every event Postdesk sends, named `area/thing.happened`, with a zod schema for its data.
 * Create one with `someEvent.create(data)` and send it with sendEvent() (inngest/send.ts).
 */

/** Asks for an immediate sweep of snoozed conversations (the cron does it every minute anyway). */
export const snoozedConversationsDue = eventType("conversations/snoozed.due", {
  schema: z.object({ reason: z.string().max(200).optional() }),
});

export const allEvents = [snoozedConversationsDue] as const;

export type PostdeskEvent = ReturnType<(typeof allEvents)[number]["create"]>;
