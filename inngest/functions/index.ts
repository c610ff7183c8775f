import { reopenSnoozedConversations } from "./conversations/reopen-snoozed";
import { sendEmail } from "./mail/send-email";

/** Every Inngest function: served by app/api/inngest and run by the embedded runner. */
export const functions = [reopenSnoozedConversations, sendEmail];
