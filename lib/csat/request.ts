import { and, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { inboxes } from "@/db/schema";
import type { AfterCommit } from "@/db/transaction";
import { csatSurveyRequested } from "@/lib/jobs/events";
import { sendEvent } from "@/lib/jobs/send";

/**
 * After a resolve commits: when the inbox asks for surveys (one indexed read), the
 * send-csat-survey job decides whether this conversation gets one (lib/csat/send-survey.ts).
 * Inboxes without surveys queue nothing.
 */
export function requestCsatSurvey(afterCommit: AfterCommit, ids: { accountId: number; inboxId: number; conversationId: number }): void {
  afterCommit(async () => {
    const [inbox] = await getDb()
      .select({ enabled: inboxes.csatSurveyEnabled })
      .from(inboxes)
      .where(and(eq(inboxes.accountId, ids.accountId), eq(inboxes.id, ids.inboxId)));
    if (inbox?.enabled) await sendEvent(csatSurveyRequested.create({ accountId: ids.accountId, conversationId: ids.conversationId }));
  });
}
