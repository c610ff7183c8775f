import { randomBytes } from "node:crypto";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { channelEmail, inboxes } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { requireAccountAccess } from "@/lib/accounts/access";
import { requirePermission } from "@/lib/accounts/permissions";
import { parseInput } from "@/lib/api/validation";
import { encryptSecret } from "@/lib/crypto/secrets";
import { AppError } from "@/lib/errors";
import { assertMailHostsAllowed } from "./email-hosts-allowed";
import { assertAddressFree, assertMailboxFree } from "./address-claims";
import { emailChannelInput } from "./email-inbox-input";
import type { EmailChannelDetails } from "./email-channel-details";
import { getInboxWithEmail } from "./email-inbox-views";
import type { InboxDetails } from "./inboxes";
import { insertInboxMembers } from "./members";
import { inTransaction } from "@/db/transaction";
import { autoAssignmentLimitInput } from "@/lib/assignment/settings";

export type EmailInbox = InboxDetails & { email: EmailChannelDetails & { settingsVisible: boolean } };

export const createEmailInboxInput = z
  .object({
    name: z.string().trim().min(1, "Name can't be blank").max(255),
    memberIds: z.array(z.number().int().positive()).max(1000).optional(),
    greetingEnabled: z.boolean().optional(),
    greetingMessage: z.string().max(10_000).nullable().optional(),
    enableAutoAssignment: z.boolean().optional(),
    autoAssignmentLimit: autoAssignmentLimitInput,
    allowMessagesAfterResolved: z.boolean().optional(),
    channel: emailChannelInput,
  });
export type CreateEmailInboxInput = z.input<typeof createEmailInboxInput>;

/** Local part of the forwarding address: unguessable, lower-case so any mail server keeps it intact. */
export const generateForwardingToken = (): string => `in-${randomBytes(12).toString("hex")}`;

const encryptOrNull = (password: string | null | undefined) => (password ? encryptSecret(password) : null);

/**
 * Creates an email inbox (administrators): the inbox and its channel_email row in one
 * transaction, passwords encrypted, a generated forwarding address. The first poll is due at once.
 */
export async function createEmailInbox(db: DbOrTx, actor: Actor, accountId: number, params: CreateEmailInboxInput): Promise<EmailInbox> {
  const access = await requireAccountAccess(db, actor, accountId);
  requirePermission(access, "inbox_manage");
  const { channel: c, memberIds, ...inbox } = parseInput(createEmailInboxInput, params);
  await assertMailHostsAllowed(c);
  const inboxId = await inTransaction(db, async (tx) => {
    await assertAddressFree(tx, accountId, c.email);
    await assertMailboxFree(tx, accountId, c);
    const { imapPassword, smtpPassword, ...settings } = c;
    const [channel] = await tx
      .insert(channelEmail)
      .values({
        accountId,
        ...settings,
        forwardingToken: generateForwardingToken(),
        imapPasswordEnc: encryptOrNull(imapPassword),
        smtpPasswordEnc: encryptOrNull(smtpPassword),
        nextPollAt: settings.imapEnabled ? new Date() : null,
      })
      .returning({ id: channelEmail.id });
    const [row] = await tx
      .insert(inboxes)
      .values({ accountId, ...inbox, channelType: "email", channelId: channel.id })
      .returning({ id: inboxes.id });
    if (memberIds && memberIds.length > 0) await insertInboxMembers(tx, accountId, row.id, memberIds);
    return row.id;
  });
  return readEmailInbox(db, actor, accountId, inboxId);
}

/** The inbox with its email settings (no passwords), as the actor may see it. */
export async function readEmailInbox(db: DbOrTx, actor: Actor, accountId: number, inboxId: number): Promise<EmailInbox> {
  const inbox = await getInboxWithEmail(db, actor, accountId, inboxId);
  if (!inbox.email) throw new AppError("not_found", "Email inbox not found");
  return { ...inbox, email: inbox.email };
}
