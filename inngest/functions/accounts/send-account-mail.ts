import { getDb } from "@/db/client";
import { sendInvitationEmail } from "@/lib/accounts/invitations/send-invitation";
import { sendPasswordResetEmail } from "@/lib/auth/password-reset-email";
import { inngest } from "@/inngest/client";
import { invitationSendRequested, passwordResetRequested } from "@/lib/jobs/events";

/**
 * Emails an invitation link after the invitation's commit. One step: the token is made and sent
 * in the same step, so it is never stored in clear (not even as a step result); a retry makes a
 * new link and the earlier one stops working.
 */
export const sendInvitationFunction = inngest.createFunction(
  { id: "send-invitation", triggers: [{ event: invitationSendRequested }], retries: 4 },
  async ({ event, step }) => {
    const result = await step.run("send-invitation-email", () => sendInvitationEmail(getDb(), event.data.accountId, event.data.invitationId));
    return result;
  },
);

/** Emails a password reset link to the address if it has a user (within the hourly limit); same token rule as invitations. */
export const sendPasswordResetFunction = inngest.createFunction(
  { id: "send-password-reset", triggers: [{ event: passwordResetRequested }], retries: 4 },
  async ({ event, step }) => {
    const result = await step.run("send-password-reset-email", () => sendPasswordResetEmail(getDb(), event.data.email));
    return result;
  },
);
