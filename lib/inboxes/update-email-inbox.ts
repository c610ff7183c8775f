import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { channelEmail, inboxes } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { requireAccountAccess } from "@/lib/accounts/access";
import { requirePermission } from "@/lib/accounts/permissions";
import { parseInput } from "@/lib/api/validation";
import { encryptSecret } from "@/lib/crypto/secrets";
import { AppError, invalid } from "@/lib/errors";
import { assertAddressFree, assertMailboxFree } from "./address-claims";
import { readEmailInbox, type EmailInbox } from "./create-email-inbox";
import { loadEmailChannel } from "./email-channel-details";
import { assertMailHostsAllowed } from "./email-hosts-allowed";
import { emailChannelFields } from "./email-inbox-input";
import { REENTER_PASSWORD, imapPasswordReusable, smtpPasswordReusable } from "./stored-passwords";
import { inTransaction } from "@/db/transaction";
import { signatureHtml } from "@/lib/messages/rich-content";
import { autoAssignmentLimitInput } from "@/lib/assignment/settings";
import { sendAutoAssignmentRequest } from "@/lib/assignment/requests";

export const updateEmailInboxInput = z.object({
  name: z.string().trim().min(1, "Name can't be blank").max(255).optional(),
  greetingEnabled: z.boolean().optional(),
  greetingMessage: z.string().max(10_000).nullable().optional(),
  enableAutoAssignment: z.boolean().optional(),
  autoAssignmentLimit: autoAssignmentLimitInput,
  allowMessagesAfterResolved: z.boolean().optional(),
  /** Appended to every email reply from the inbox (HTML from the editor, or Markdown); stored sanitized. */
  emailSignature: z.string().max(10_000, "The signature is too long").nullable().optional().transform((v) => (v === undefined ? undefined : signatureHtml(v))),
  channel: z.object(emailChannelFields).partial().optional(),
});
export type UpdateEmailInboxInput = z.input<typeof updateEmailInboxInput>;

/**
 * Changes an email inbox's settings (administrators). Absent fields stay as they are; a blank
 * password keeps the stored one, so the settings form never has to show it, unless the server it
 * would be sent to changed (then it must be entered again: stored-passwords.ts). Changing the
 * server settings clears "reconnect needed" and makes the next poll due at once.
 */
export async function updateEmailInbox(db: DbOrTx, actor: Actor, accountId: number, inboxId: number, params: UpdateEmailInboxInput): Promise<EmailInbox> {
  const access = await requireAccountAccess(db, actor, accountId);
  requirePermission(access, "inbox_manage");
  const { channel = {}, ...inboxSettings } = parseInput(updateEmailInboxInput, params);
  await assertMailHostsAllowed(channel);
  await inTransaction(db, async (tx) => {
    const current = await loadEmailChannel(tx, accountId, inboxId);
    if (!current) throw new AppError("not_found", "Email inbox not found");
    const { imapPassword, smtpPassword, ...settings } = channel;
    const merged = { ...current, ...settings };
    if (merged.imapEnabled && !merged.imapAddress) throw invalid("IMAP host can't be blank");
    if (merged.smtpEnabled && !merged.smtpAddress) throw invalid("SMTP host can't be blank");
    const reenter: { path: string; message: string }[] = [];
    if (!imapPassword && current.imapPasswordEnc && merged.imapEnabled && !imapPasswordReusable(current, merged)) {
      reenter.push({ path: "channel.imapPassword", message: `IMAP password: ${REENTER_PASSWORD}` });
    }
    if (!smtpPassword && current.smtpPasswordEnc && merged.smtpEnabled && merged.smtpAuthentication !== "none" && !smtpPasswordReusable(current, merged)) {
      reenter.push({ path: "channel.smtpPassword", message: `SMTP password: ${REENTER_PASSWORD}` });
    }
    if (reenter.length > 0) throw invalid(reenter.map((r) => r.message).join(". "), { issues: reenter });
    if (settings.email && settings.email !== current.email.toLowerCase()) await assertAddressFree(tx, accountId, settings.email, current.id);
    // Checked when the mailbox it reads changes, so an inbox set up before this check can still be edited.
    const mailboxKeys = ["email", "imapEnabled", "imapAddress", "imapLogin", "imapFolder"] as const;
    if (mailboxKeys.some((k) => settings[k] !== undefined && settings[k] !== current[k])) await assertMailboxFree(tx, accountId, merged, current.id);
    const credentialsChanged = Boolean(imapPassword || smtpPassword) || Object.keys(settings).some((k) => k.startsWith("imap") || k.startsWith("smtp"));
    await tx
      .update(channelEmail)
      .set({
        ...settings,
        ...(imapPassword ? { imapPasswordEnc: encryptSecret(imapPassword) } : {}),
        ...(smtpPassword ? { smtpPasswordEnc: encryptSecret(smtpPassword) } : {}),
        ...(credentialsChanged && current.health === "reconnect_needed" ? { health: "ok" as const } : {}),
        ...(credentialsChanged && merged.imapEnabled ? { nextPollAt: new Date() } : {}),
        updatedAt: new Date(),
      })
      .where(and(eq(channelEmail.accountId, accountId), eq(channelEmail.id, current.id)));
    if (Object.values(inboxSettings).some((v) => v !== undefined)) {
      await tx.update(inboxes).set({ ...inboxSettings, updatedAt: new Date() }).where(and(eq(inboxes.accountId, accountId), eq(inboxes.id, inboxId)));
    }
  });
  if (inboxSettings.enableAutoAssignment || inboxSettings.autoAssignmentLimit !== undefined) await sendAutoAssignmentRequest({ accountId, inboxId });
  return readEmailInbox(db, actor, accountId, inboxId);
}
