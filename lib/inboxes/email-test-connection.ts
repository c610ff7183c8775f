import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { requireAccountAccess } from "@/lib/accounts/access";
import { requirePermission } from "@/lib/accounts/permissions";
import { parseInput } from "@/lib/api/validation";
import { decryptSecret } from "@/lib/crypto/secrets";
import { AppError, invalid } from "@/lib/errors";
import { testEmailConnection, type ConnectionStep } from "@/lib/mailbox/test-connection";
import { loadEmailChannel } from "./email-channel-details";
import { emailChannelInput } from "./email-inbox-input";
import { REENTER_PASSWORD, imapPasswordReusable, smtpPasswordReusable } from "./stored-passwords";

export const testConnectionInput = z.object({
  /**
   * On an existing inbox's settings page: blank passwords mean "the stored one", as long as the
   * server settings are those it was entered for (lib/inboxes/stored-passwords.ts).
   */
  inboxId: z.number().int().positive().optional(),
  channel: emailChannelInput,
});
export type TestConnectionInput = z.input<typeof testConnectionInput>;

/**
 * Test connection for administrators (it opens connections to the hosts they type, so it is not
 * for agents). Nothing is saved.
 */
export async function testEmailInboxConnection(db: DbOrTx, actor: Actor, accountId: number, params: TestConnectionInput): Promise<ConnectionStep[]> {
  const access = await requireAccountAccess(db, actor, accountId);
  requirePermission(access, "inbox_manage");
  const { inboxId, channel } = parseInput(testConnectionInput, params);
  let { imapPassword, smtpPassword } = channel;
  if (inboxId !== undefined && (!imapPassword || !smtpPassword)) {
    const stored = await loadEmailChannel(db, accountId, inboxId);
    if (!stored) throw new AppError("not_found", "Email inbox not found");
    const reenter: { path: string; message: string }[] = [];
    try {
      if (!imapPassword && stored.imapPasswordEnc && channel.imapEnabled) {
        if (imapPasswordReusable(stored, channel)) imapPassword = decryptSecret(stored.imapPasswordEnc);
        else reenter.push({ path: "channel.imapPassword", message: `IMAP password: ${REENTER_PASSWORD}` });
      }
      if (!smtpPassword && stored.smtpPasswordEnc && channel.smtpEnabled && channel.smtpAuthentication !== "none") {
        if (smtpPasswordReusable(stored, channel)) smtpPassword = decryptSecret(stored.smtpPasswordEnc);
        else reenter.push({ path: "channel.smtpPassword", message: `SMTP password: ${REENTER_PASSWORD}` });
      }
    } catch (error) {
      throw new AppError("invalid", error instanceof Error ? error.message : "The stored password could not be read: enter it again");
    }
    if (reenter.length > 0) throw invalid(reenter.map((r) => r.message).join(". "), { issues: reenter });
  }
  return testEmailConnection({ ...channel, imapPassword, smtpPassword });
}
