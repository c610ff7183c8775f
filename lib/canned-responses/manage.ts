import { and, asc, desc, eq, ilike, or, sql } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { accounts, cannedResponses, users, type CannedResponse } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { isAdministrator, requireAccountAccess, type AccountAccess } from "@/lib/accounts/access";
import { parseInput } from "@/lib/api/validation";
import { uniqueViolation } from "@/lib/contacts/contacts";
import { getConversation } from "@/lib/conversations/get-conversation";
import { forbidden, invalid, notFound } from "@/lib/errors";
import { fillVariables, variableValues } from "./variables";

/**
 * Canned responses (Chatwoot's `/canned_responses`): every member of the account lists, searches
 * and adds them; the author edits and deletes their own, administrators any. Short codes are
 * unique per account.
 */
const shortCode = z
  .string()
  .trim()
  .min(1, "short_code can't be blank")
  .max(100)
  .regex(/^[^\s/]+$/, "short_code is one word without spaces or /");
const content = z.string().min(1, "content can't be blank").max(20_000).refine((s) => s.trim() !== "", "content can't be blank");

export const cannedResponseInput = z.object({ short_code: shortCode, content });
export const cannedResponseUpdate = cannedResponseInput.partial();
export type CannedResponseInput = z.input<typeof cannedResponseInput>;
export type CannedResponseUpdate = z.input<typeof cannedResponseUpdate>;

/** Escapes LIKE's wildcards, so a search for "50%" finds "50%" and not everything. */
const likeTerm = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The account's responses; with `search`, those whose short code or content contain it, short codes starting with it first. */
export async function listCannedResponses(db: DbOrTx, actor: Actor, accountId: number, search?: string): Promise<CannedResponse[]> {
  await requireAccountAccess(db, actor, accountId);
  return queryCannedResponses(db, accountId, search);
}

async function queryCannedResponses(db: DbOrTx, accountId: number, search?: string, limit = 500): Promise<CannedResponse[]> {
  const term = search?.trim();
  if (!term) return db.select().from(cannedResponses).where(eq(cannedResponses.accountId, accountId)).orderBy(asc(cannedResponses.shortCode)).limit(limit);
  const like = likeTerm(term);
  const starts = `${like.slice(1)}`;
  const rank = sql`case when ${cannedResponses.shortCode} ilike ${starts} then 1 when ${cannedResponses.shortCode} ilike ${like} then 0.5 when ${cannedResponses.content} ilike ${like} then 0.2 else 0 end`;
  return db
    .select()
    .from(cannedResponses)
    .where(and(eq(cannedResponses.accountId, accountId), or(ilike(cannedResponses.shortCode, like), ilike(cannedResponses.content, like))))
    .orderBy(desc(rank), asc(cannedResponses.shortCode))
    .limit(limit);
}

export async function createCannedResponse(db: DbOrTx, actor: Actor, accountId: number, params: CannedResponseInput): Promise<CannedResponse> {
  const access = await requireAccountAccess(db, actor, accountId);
  const input = parseInput(cannedResponseInput, params, "api");
  return saving(() => db.insert(cannedResponses).values({ accountId, shortCode: input.short_code, content: input.content, createdById: access.userId }).returning());
}

export async function updateCannedResponse(db: DbOrTx, actor: Actor, accountId: number, id: number, params: CannedResponseUpdate): Promise<CannedResponse> {
  const access = await requireAccountAccess(db, actor, accountId);
  const input = parseInput(cannedResponseUpdate, params, "api");
  requireEditor(access, await findResponse(db, accountId, id));
  return saving(() =>
    db
      .update(cannedResponses)
      .set({ ...(input.short_code !== undefined ? { shortCode: input.short_code } : {}), ...(input.content !== undefined ? { content: input.content } : {}), updatedAt: new Date() })
      .where(and(eq(cannedResponses.accountId, accountId), eq(cannedResponses.id, id)))
      .returning(),
  );
}

export async function deleteCannedResponse(db: DbOrTx, actor: Actor, accountId: number, id: number): Promise<void> {
  const access = await requireAccountAccess(db, actor, accountId);
  requireEditor(access, await findResponse(db, accountId, id));
  await db.delete(cannedResponses).where(and(eq(cannedResponses.accountId, accountId), eq(cannedResponses.id, id)));
}

/** Whether this member may edit or delete the response (the settings page shows the buttons by it). */
export const canEditCannedResponse = (access: Pick<AccountAccess, "role" | "userId">, row: Pick<CannedResponse, "createdById">): boolean =>
  access.role === "administrator" || access.role === "system" || (access.userId !== null && row.createdById === access.userId);

function requireEditor(access: AccountAccess, row: CannedResponse): void {
  if (!isAdministrator(access) && !canEditCannedResponse(access, row)) throw forbidden("Only its author or an administrator can change this canned response");
}

async function saving(write: () => Promise<CannedResponse[]>): Promise<CannedResponse> {
  try {
    const [row] = await write();
    return row;
  } catch (e) {
    if (uniqueViolation(e) !== null) throw invalid("short_code has already been taken", { short_code: ["has already been taken"] });
    throw e;
  }
}

async function findResponse(db: DbOrTx, accountId: number, id: number): Promise<CannedResponse> {
  const [row] = await db
    .select()
    .from(cannedResponses)
    .where(and(eq(cannedResponses.accountId, accountId), eq(cannedResponses.id, id)))
    .limit(1);
  if (!row) throw notFound("Canned response");
  return row;
}

/** A response as the composer's `/` picker offers it: the text with the conversation's variables filled. */
export type PickedCannedResponse = { id: number; shortCode: string; text: string };

/**
 * The responses matching `search` for one conversation the agent may see, with variables
 * filled from its contact, inbox and account and from the agent (getConversation checks access).
 */
export async function cannedResponsesForConversation(db: DbOrTx, actor: Actor, accountId: number, displayId: number, search: string): Promise<PickedCannedResponse[]> {
  const summary = await getConversation(db, actor, accountId, displayId);
  const [rows, [account], [agent]] = await Promise.all([
    queryCannedResponses(db, accountId, search, 20),
    db.select({ name: accounts.name }).from(accounts).where(eq(accounts.id, accountId)),
    actor.kind === "user" ? db.select({ name: users.name, email: users.email }).from(users).where(eq(users.id, actor.userId)) : Promise.resolve([]),
  ]);
  const values = variableValues({
    contact: summary.contact,
    agent: { name: agent?.name ?? "", email: agent?.email ?? null },
    conversation: { displayId },
    inbox: { name: summary.inbox.name },
    account: { name: account?.name ?? "" },
  });
  return rows.map((r) => ({ id: r.id, shortCode: r.shortCode, text: fillVariables(r.content, values) }));
}
