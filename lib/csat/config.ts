import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { inboxes } from "@/db/schema";
import { requireAccountAccess } from "@/lib/accounts/access";
import { requirePermission } from "@/lib/accounts/permissions";
import { parseInput } from "@/lib/api/validation";
import type { Actor } from "@/lib/auth/actor";
import { notFound } from "@/lib/errors";

/**
 * An inbox's survey settings, Chatwoot's `csat_config`: `display_type` (how the public survey
 * shows the five ratings: emoji faces or stars) and `message` (the survey's text, in the thread
 * and at the top of the mail; empty: the default wording). Chatwoot's other keys (survey rules,
 * WhatsApp templates) are not kept.
 */
export const CSAT_MESSAGE_MAX_LENGTH = 1000;

export const csatConfigInput = z.object({
  display_type: z.enum(["emoji", "star"]).optional(),
  message: z
    .string()
    .max(CSAT_MESSAGE_MAX_LENGTH, `The survey message can be at most ${CSAT_MESSAGE_MAX_LENGTH} characters`)
    .optional()
    .transform((v) => (v?.trim() ? v.trim() : undefined)),
});
export type CsatDisplayType = "emoji" | "star";
export type CsatConfig = { display_type?: CsatDisplayType; message?: string };
/** How the survey shows its ratings: Chatwoot's default is the faces. */
export const csatDisplayType = (config: CsatConfig | null | undefined): CsatDisplayType => (config?.display_type === "star" ? "star" : "emoji");

/** Replaces the inbox's survey settings (as Chatwoot's inbox update does); inbox managers only. */
export async function setCsatConfig(db: DbOrTx, actor: Actor, accountId: number, inboxId: number, params: z.input<typeof csatConfigInput>): Promise<CsatConfig> {
  const access = await requireAccountAccess(db, actor, accountId);
  requirePermission(access, "inbox_manage");
  const parsed = parseInput(csatConfigInput, params);
  const config: CsatConfig = {
    ...(parsed.display_type ? { display_type: parsed.display_type } : {}),
    ...(parsed.message ? { message: parsed.message } : {}),
  };
  const [row] = await db
    .update(inboxes)
    .set({ csatConfig: config, updatedAt: new Date() })
    .where(and(eq(inboxes.accountId, accountId), eq(inboxes.id, inboxId)))
    .returning({ id: inboxes.id });
  if (!row) throw notFound("Inbox");
  return config;
}
