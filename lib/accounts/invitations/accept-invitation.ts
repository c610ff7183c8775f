import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { inTransaction } from "@/db/transaction";
import { accountInvitations, accountUsers, users } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { findUserByEmail, findUserById } from "@/lib/auth/find-user";
import { hashPassword, MIN_PASSWORD_LENGTH } from "@/lib/auth/password";
import { parseInput } from "@/lib/api/validation";
import { AppError, forbidden } from "@/lib/errors";
import { findInvitationByToken } from "./invitation-token";

/**
 * What the accept page shows for a link: the account and the address. Deliberately not whether the
 * address already has a user: without SMTP the link sits in the local outbox, which the inviting
 * account's administrators read, so opening it must not answer that question.
 */
export type InvitationPreview = {
  accountName: string;
  email: string;
  /** The name the administrator typed: a new user's suggested name. */
  name: string;
  role: "administrator" | "agent";
};

export async function previewInvitation(db: DbOrTx, token: string): Promise<InvitationPreview> {
  const invitation = await findInvitationByToken(db, token);
  return { accountName: invitation.accountName, email: invitation.email, name: invitation.name, role: invitation.role };
}

export const WRONG_USER_MESSAGE = (signedInAs: string, invited: string) =>
  `This invitation is for ${invited}, but you are signed in as ${signedInAs}. Sign out and sign in as ${invited} to accept it.`;

/** An existing user accepts while signed in, as the invited address: that is their consent. */
export async function acceptInvitation(db: DbOrTx, actor: Actor, token: string): Promise<{ accountId: number }> {
  if (actor.kind !== "user") throw forbidden("Sign in to accept the invitation");
  return inTransaction(db, async (tx) => {
    const invitation = await findInvitationByToken(tx, token, { lock: true });
    const user = await findUserById(tx, actor.userId);
    if (!user) throw forbidden("Sign in to accept the invitation");
    if (user.email.toLowerCase() !== invitation.email) throw new AppError("forbidden", WRONG_USER_MESSAGE(user.email, invitation.email));
    await join(tx, invitation, user.id);
    return { accountId: invitation.accountId };
  });
}

export const newUserInput = z.object({
  name: z.string().trim().min(1, "Name can't be blank").max(255),
  password: z.string().min(MIN_PASSWORD_LENGTH, `Password must be at least ${MIN_PASSWORD_LENGTH} characters`).max(200),
});

/**
 * A new person accepts by choosing their name and password: the user is created only now, so an
 * address nobody answers for never becomes a user. If the address got a user meanwhile (another
 * invitation), they must sign in instead.
 */
export async function acceptInvitationAsNewUser(
  db: DbOrTx,
  token: string,
  params: z.input<typeof newUserInput>,
): Promise<{ accountId: number; userId: number; email: string }> {
  const input = parseInput(newUserInput, params);
  const passwordHash = await hashPassword(input.password);
  return inTransaction(db, async (tx) => {
    const invitation = await findInvitationByToken(tx, token, { lock: true });
    if (await findUserByEmail(tx, invitation.email)) {
      throw new AppError("invalid", `${invitation.email} already has a Postdesk user: sign in as it to accept the invitation.`);
    }
    const [user] = await tx.insert(users).values({ name: input.name, email: invitation.email, passwordHash, confirmedAt: new Date() }).returning({ id: users.id });
    await join(tx, invitation, user.id);
    return { accountId: invitation.accountId, userId: user.id, email: invitation.email };
  });
}

async function join(tx: DbOrTx, invitation: { id: number; accountId: number; role: "administrator" | "agent"; customRoleId: number | null }, userId: number) {
  await tx.insert(accountUsers).values({ accountId: invitation.accountId, userId, role: invitation.role, customRoleId: invitation.customRoleId }).onConflictDoNothing();
  await tx.update(accountInvitations).set({ acceptedAt: sql`now()`, updatedAt: sql`now()` }).where(eq(accountInvitations.id, invitation.id));
}
