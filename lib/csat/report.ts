import { and, count, desc, eq, gte, inArray, isNotNull, lt, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { contacts, conversationLabels, conversations, csatSurveyResponses, labels, users } from "@/db/schema";
import { requireAccountAccess } from "@/lib/accounts/access";
import { requirePermission } from "@/lib/accounts/permissions";
import type { Actor } from "@/lib/auth/actor";
import { parseInput } from "@/lib/api/validation";
import { CSAT_RATINGS, isSatisfied } from "./rules";

/**
 * The CSAT report (the page, its CSV and Chatwoot's /csat_survey_responses API): surveys sent in a
 * period, narrowed by the agent and team who handled the conversation when it was resolved, its
 * inbox, a label it carries, or ratings. The period is the surveys' sending time, so the response
 * rate compares like with like (answers to the surveys of that period).
 */
const ids = z.preprocess((v) => (v === undefined || v === "" ? undefined : Array.isArray(v) ? v : String(v).split(",")), z.array(z.coerce.number().int().positive()).optional());
export const csatFilterInput = z.object({
  since: z.coerce.date().optional(),
  until: z.coerce.date().optional(),
  userIds: ids,
  inboxId: z.coerce.number().int().positive().optional(),
  teamId: z.coerce.number().int().positive().optional(),
  label: z.string().max(255).optional(),
  ratings: z.preprocess((v) => (v === undefined || v === "" ? undefined : Array.isArray(v) ? v : String(v).split(",")), z.array(z.coerce.number().int().min(1).max(5)).optional()),
});
export type CsatFilters = z.input<typeof csatFilterInput>;

export type CsatResponseRow = {
  id: number;
  rating: number;
  feedbackMessage: string | null;
  messageId: number;
  conversationDisplayId: number;
  contact: { id: number; name: string; email: string | null; phoneNumber: string | null; identifier: string | null; thumbnail: string | null; blocked: boolean; additionalAttributes: Record<string, unknown>; customAttributes: Record<string, unknown>; lastActivityAt: Date | null; createdAt: Date };
  agent: { id: number; name: string; displayName: string | null; email: string } | null;
  sentAt: Date;
  ratedAt: Date;
};

export type CsatMetrics = {
  /** Surveys sent (Chatwoot's total_sent_messages_count). */
  sent: number;
  /** Surveys answered (Chatwoot's total_count). */
  answered: number;
  ratings: Record<number, number>;
  /** answered / sent, 0–1; null when nothing was sent. */
  responseRate: number | null;
  /** Share of answers rating 4 or 5, 0–1; null without answers. */
  satisfactionScore: number | null;
};

async function authorize(db: DbOrTx, actor: Actor, accountId: number) {
  const access = await requireAccountAccess(db, actor, accountId);
  requirePermission(access, "report_manage");
}

function conditions(accountId: number, f: z.infer<typeof csatFilterInput>): SQL[] {
  const s = csatSurveyResponses;
  const where: SQL[] = [eq(s.accountId, accountId)];
  if (f.since) where.push(gte(s.sentAt, f.since));
  if (f.until) where.push(lt(s.sentAt, f.until));
  if (f.userIds?.length) where.push(inArray(s.assignedAgentId, f.userIds));
  if (f.inboxId) where.push(eq(s.inboxId, f.inboxId));
  if (f.teamId) where.push(eq(s.teamId, f.teamId));
  if (f.label) {
    where.push(
      sql`exists (select 1 from ${conversationLabels} join ${labels} on ${labels.id} = ${conversationLabels.labelId} and ${labels.accountId} = ${conversationLabels.accountId}
        where ${conversationLabels.accountId} = ${s.accountId} and ${conversationLabels.conversationId} = ${s.conversationId} and lower(${labels.title}) = lower(${f.label}))`,
    );
  }
  if (f.ratings?.length) where.push(inArray(s.rating, f.ratings));
  return where;
}

export async function csatMetrics(db: DbOrTx, actor: Actor, accountId: number, filters: CsatFilters = {}): Promise<CsatMetrics> {
  await authorize(db, actor, accountId);
  const f = parseInput(csatFilterInput, filters);
  const { ratings: _answersOnly, ...sentFilters } = f;
  const [[sent], byRating] = await Promise.all([
    db.select({ n: count() }).from(csatSurveyResponses).where(and(...conditions(accountId, sentFilters))),
    db
      .select({ rating: csatSurveyResponses.rating, n: count() })
      .from(csatSurveyResponses)
      .where(and(...conditions(accountId, f), isNotNull(csatSurveyResponses.rating)))
      .groupBy(csatSurveyResponses.rating),
  ]);
  const ratings: Record<number, number> = Object.fromEntries(CSAT_RATINGS.map((r) => [r, 0]));
  for (const row of byRating) if (row.rating !== null) ratings[row.rating] = row.n;
  const answered = Object.values(ratings).reduce((a, b) => a + b, 0);
  const satisfied = Object.entries(ratings).reduce((a, [r, n]) => a + (isSatisfied(Number(r)) ? n : 0), 0);
  return {
    sent: sent.n,
    answered,
    ratings,
    responseRate: sent.n ? answered / sent.n : null,
    satisfactionScore: answered ? satisfied / answered : null,
  };
}

/** Answered surveys, newest answer first; `perPage` null for all of them (the CSV). */
export async function listCsatResponses(
  db: DbOrTx,
  actor: Actor,
  accountId: number,
  filters: CsatFilters = {},
  paging: { page: number; perPage: number | null } = { page: 1, perPage: 25 },
): Promise<CsatResponseRow[]> {
  await authorize(db, actor, accountId);
  const f = parseInput(csatFilterInput, filters);
  const s = csatSurveyResponses;
  const query = db
    .select({
      id: s.id,
      rating: s.rating,
      feedbackMessage: s.feedbackMessage,
      messageId: s.messageId,
      conversationDisplayId: conversations.displayId,
      sentAt: s.sentAt,
      ratedAt: s.ratedAt,
      contact: {
        id: contacts.id,
        name: contacts.name,
        email: contacts.email,
        phoneNumber: contacts.phoneNumber,
        identifier: contacts.identifier,
        thumbnail: contacts.thumbnail,
        blocked: contacts.blocked,
        additionalAttributes: contacts.additionalAttributes,
        customAttributes: contacts.customAttributes,
        lastActivityAt: contacts.lastActivityAt,
        createdAt: contacts.createdAt,
      },
      agentId: users.id,
      agentName: users.name,
      agentDisplayName: users.displayName,
      agentEmail: users.email,
    })
    .from(s)
    .innerJoin(conversations, and(eq(conversations.accountId, s.accountId), eq(conversations.id, s.conversationId)))
    .innerJoin(contacts, and(eq(contacts.accountId, s.accountId), eq(contacts.id, s.contactId)))
    .leftJoin(users, eq(users.id, s.assignedAgentId))
    .where(and(...conditions(accountId, f), isNotNull(s.rating)))
    .orderBy(desc(s.ratedAt), desc(s.id))
    .$dynamic();
  const rows = paging.perPage === null ? await query : await query.limit(paging.perPage).offset((Math.max(1, paging.page) - 1) * paging.perPage);
  return rows.map(({ agentId, agentName, agentDisplayName, agentEmail, ...r }) => ({
    ...r,
    rating: r.rating ?? 0,
    ratedAt: r.ratedAt ?? r.sentAt,
    agent: agentId === null || agentName === null || agentEmail === null ? null : { id: agentId, name: agentName, displayName: agentDisplayName, email: agentEmail },
  }));
}
