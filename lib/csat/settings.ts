import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { inboxes } from "@/db/schema";
import { requireAccountAccess } from "@/lib/accounts/access";
import { requirePermission } from "@/lib/accounts/permissions";
import type { Actor } from "@/lib/auth/actor";
import { notFound } from "@/lib/errors";

/** Turns an inbox's satisfaction surveys on or off (Chatwoot's `csat_survey_enabled`); inbox managers only. */
export async function setCsatSurveyEnabled(db: DbOrTx, actor: Actor, accountId: number, inboxId: number, enabled: boolean): Promise<void> {
  const access = await requireAccountAccess(db, actor, accountId);
  requirePermission(access, "inbox_manage");
  const [row] = await db
    .update(inboxes)
    .set({ csatSurveyEnabled: enabled, updatedAt: new Date() })
    .where(and(eq(inboxes.accountId, accountId), eq(inboxes.id, inboxId)))
    .returning({ id: inboxes.id });
  if (!row) throw notFound("Inbox");
}
