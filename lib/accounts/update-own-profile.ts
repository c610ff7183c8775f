import { eq } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { users } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { parseInput } from "@/lib/api/validation";
import { AppError } from "@/lib/errors";

/** A user changes only their own name and display name; email and password have their own flows. */
export const updateOwnProfileInput = z.object({
  name: z.string().trim().min(1, "Name can't be blank").max(255),
  displayName: z.string().trim().max(255).optional(),
});

export async function updateOwnProfile(db: DbOrTx, actor: Actor, params: z.input<typeof updateOwnProfileInput>): Promise<{ name: string }> {
  if (actor.kind !== "user") throw new AppError("forbidden", "Only a signed-in user has a profile");
  const input = parseInput(updateOwnProfileInput, params);
  const [row] = await db
    .update(users)
    .set({ name: input.name, displayName: input.displayName || null, updatedAt: new Date() })
    .where(eq(users.id, actor.userId))
    .returning({ name: users.name });
  if (!row) throw new AppError("unauthorized", "Your session has ended, sign in again");
  return row;
}
