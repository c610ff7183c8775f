import { reopenSnoozedConversations } from "./conversations/reopen-snoozed";

/** Every Inngest function: served by app/api/inngest and run by the embedded runner. */
export const functions = [reopenSnoozedConversations];
