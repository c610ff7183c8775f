import { and, eq, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { inTransaction } from "@/db/transaction";
import { accountInvitations, accountUsers, users } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { parseInput } from "@/lib/api/validation";
import { invalid, notFound } from "@/lib/errors";
import { invitationSendRequested } from "@/lib/jobs/events";
import { sendEvent } from "@/lib/jobs/send";
import { findCustomRole } from "@/lib/roles/custom-roles";
import { requireAccountAccess, requireAdministrator } from "../access";
import { invitationExpiry } from "./invitation-token";
import { toPendingInvitation, type PendingInvitation } from "./list-invitations";

export const inviteAgentInput = z.object({
  name: z.string().trim().min(1, "Name can't be blank").max(255),
  email: z.string().trim().toLowerCase().pipe(z.email("Email address is not valid")),
  role: z.enum(["administrator", "agent"]).default("agent"),
  /** A custom role of the account: the new member is an agent with its permissions. */
  customRoleId: z.number().int().positive().nullable().optional(),
});
export type InviteAgentInput = z.input<typeof inviteAgentInput>;

/**
 * Adding an agent is an invitation, whoever the email belongs to: nobody joins an account without
 * accepting, and the answer is the same for an address that already has a Postdesk user and one that
 * does not (same fields, nothing of the existing user's name), so the form cannot be used to learn
 * who uses Postdesk. The only refusal that depends on the address is "already a member of this
 * account", which the administrator can see anyway. Inviting an address again renews the invitation
 * (a new link; the old one stops working). The email is sent after the commit by a job.
 */
export async function inviteAgent(db: DbOrTx, actor: Actor, accountId: number, params: InviteAgentInput): Promise<PendingInvitation> {
  const access = await requireAccountAccess(db, actor, accountId);
  requireAdministrator(access);
  const input = parseInput(inviteAgentInput, params);
  return inTransaction(db, async (tx, afterCommit) => {
    const [member] = await tx
      .select({ id: accountUsers.id })
      .from(accountUsers)
      .innerJoin(users, eq(users.id, accountUsers.userId))
      .where(and(eq(accountUsers.accountId, accountId), sql`lower(${users.email}) = ${input.email}`))
      .limit(1);
    if (member) throw invalid("Email is already a member of this account", { field: "email" });
    const customRoleId = input.customRoleId ? (await findCustomRole(tx, accountId, input.customRoleId)).id : null;
    const role = customRoleId !== null ? "agent" : input.role;
    const [invitation] = await tx
      .insert(accountInvitations)
      .values({ accountId, email: input.email, name: input.name, role, customRoleId, invitedById: access.userId, expiresAt: invitationExpiry() })
      .onConflictDoUpdate({
        target: [accountInvitations.accountId, accountInvitations.email],
        targetWhere: isNull(accountInvitations.acceptedAt),
        set: { name: input.name, role, customRoleId, invitedById: access.userId, tokenHash: null, sentAt: null, expiresAt: invitationExpiry(), updatedAt: sql`now()` },
      })
      .returning();
    afterCommit(() => sendEvent(invitationSendRequested.create({ accountId, invitationId: invitation.id })));
    return toPendingInvitation(invitation);
  });
}

/** Sends an open invitation again, with a new link (the previous one stops working). */
export async function resendInvitation(db: DbOrTx, actor: Actor, accountId: number, invitationId: number): Promise<PendingInvitation> {
  requireAdministrator(await requireAccountAccess(db, actor, accountId));
  const [invitation] = await db
    .select()
    .from(accountInvitations)
    .where(and(eq(accountInvitations.accountId, accountId), eq(accountInvitations.id, invitationId), isNull(accountInvitations.acceptedAt)));
  if (!invitation) throw notFound("Invitation");
  return inviteAgent(db, actor, accountId, { name: invitation.name, email: invitation.email, role: invitation.role, customRoleId: invitation.customRoleId });
}
