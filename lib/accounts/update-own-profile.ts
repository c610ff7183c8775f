import { eq } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { users } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { parseInput } from "@/lib/api/validation";
import { AppError } from "@/lib/errors";
import { signatureHtml } from "@/lib/messages/rich-content";

/** A user changes only their own name and display name; email and password have their own flows. */
export const updateOwnProfileInput = z.object({
  name: z.string().trim().min(1, "Name can't be blank").max(255),
  displayName: z.string().trim().max(255).optional(),
});

export async function updateOwnProfile(db: DbOrTx, actor: Actor, params: z.input<typeof updateOwnProfileInput>): Promise<{ name: string }> {
  const userId = requireUser(actor);
  const input = parseInput(updateOwnProfileInput, params);
  const [row] = await db
    .update(users)
    .set({ name: input.name, displayName: input.displayName || null, updatedAt: new Date() })
    .where(eq(users.id, userId))
    .returning({ name: users.name });
  if (!row) throw new AppError("unauthorized", "Your session has ended, sign in again");
  return row;
}

/**
 * The agent's email signature and whether it goes on their replies (docs/composer.md,
 * Signatures). The signature is HTML from the editor or Markdown/plain text from an API client;
 * it is stored sanitized. Each field is changed only when given.
 */
export const updateOwnSignatureInput = z.object({
  messageSignature: z.string().max(10_000, "The signature is too long").nullable().optional(),
  signatureOnReplies: z.boolean().optional(),
});

export async function updateOwnSignature(db: DbOrTx, actor: Actor, params: z.input<typeof updateOwnSignatureInput>): Promise<void> {
  const userId = requireUser(actor);
  const input = parseInput(updateOwnSignatureInput, params);
  const changes: Partial<typeof users.$inferInsert> = {};
  if (input.messageSignature !== undefined) changes.messageSignature = signatureHtml(input.messageSignature);
  if (input.signatureOnReplies !== undefined) changes.signatureOnReplies = input.signatureOnReplies;
  if (Object.keys(changes).length === 0) return;
  const [row] = await db
    .update(users)
    .set({ ...changes, updatedAt: new Date() })
    .where(eq(users.id, userId))
    .returning({ id: users.id });
  if (!row) throw new AppError("unauthorized", "Your session has ended, sign in again");
}

function requireUser(actor: Actor): number {
  if (actor.kind !== "user") throw new AppError("forbidden", "Only a signed-in user has a profile");
  return actor.userId;
}
