import { and, asc, count, eq } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { customFilters, type CustomFilter } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { requireAccountAccess, type AccountAccess } from "@/lib/accounts/access";
import { parseInput } from "@/lib/api/validation";
import { forbidden, invalid, notFound } from "@/lib/errors";
import { conversationLookupFor } from "@/lib/conversations/filter/conversation-attributes";
import { compileFilter, filterPayload } from "@/lib/conversations/filter/payload";
import { contactLookupFor } from "@/lib/contacts/filter/contact-attributes";

/**
 * Saved views (Chatwoot's custom_filters): each agent's own named filters in an account, listed in
 * the sidebar. `query` is stored as the client sent it (`{payload: [...]}`, Chatwoot's dashboard
 * shape); a conversation or contact view's payload must be one the filter accepts, so a view
 * that can never run is refused when saved (422), not when opened.
 */
export const CUSTOM_FILTER_TYPES = ["conversation", "contact", "report"] as const;
/** Chatwoot's bound per agent and account. */
export const MAX_CUSTOM_FILTERS = 50;

export const customFilterInput = z.object({
  name: z.string().trim().min(1, "name can't be blank").max(255),
  filter_type: z.enum(CUSTOM_FILTER_TYPES).optional(),
  // Chatwoot's API document calls it `type`; its controller reads filter_type.
  type: z.enum(CUSTOM_FILTER_TYPES).optional(),
  query: z.record(z.string(), z.unknown()),
});
export type CustomFilterInput = z.input<typeof customFilterInput>;

function userOf(access: AccountAccess): number {
  if (access.userId === null) throw forbidden("Saved views belong to an agent");
  return access.userId;
}

async function checkQuery(db: DbOrTx, accountId: number, type: CustomFilter["filterType"], query: Record<string, unknown>): Promise<void> {
  if (type === "report") return;
  const parsed = filterPayload.safeParse(query.payload);
  if (!parsed.success) throw invalid("query.payload must be a list of filter conditions", { issues: parsed.error.issues });
  // Compiling checks every attribute, operator and value; the SQL itself is not kept.
  compileFilter(parsed.data, await (type === "conversation" ? conversationLookupFor : contactLookupFor)(db, accountId, parsed.data));
}

export async function listCustomFilters(db: DbOrTx, actor: Actor, accountId: number, filterType: CustomFilter["filterType"] = "conversation"): Promise<CustomFilter[]> {
  const userId = userOf(await requireAccountAccess(db, actor, accountId));
  return db
    .select()
    .from(customFilters)
    .where(and(eq(customFilters.accountId, accountId), eq(customFilters.userId, userId), eq(customFilters.filterType, filterType)))
    .orderBy(asc(customFilters.id));
}

export async function getCustomFilter(db: DbOrTx, actor: Actor, accountId: number, id: number): Promise<CustomFilter> {
  const userId = userOf(await requireAccountAccess(db, actor, accountId));
  return findOwn(db, accountId, userId, id);
}

export async function createCustomFilter(db: DbOrTx, actor: Actor, accountId: number, params: CustomFilterInput): Promise<CustomFilter> {
  const userId = userOf(await requireAccountAccess(db, actor, accountId));
  const input = parseInput(customFilterInput, params, "api");
  const filterType = input.filter_type ?? input.type ?? "conversation";
  await checkQuery(db, accountId, filterType, input.query);
  const [{ n }] = await db
    .select({ n: count() })
    .from(customFilters)
    .where(and(eq(customFilters.accountId, accountId), eq(customFilters.userId, userId)));
  if (n >= MAX_CUSTOM_FILTERS) throw invalid(`You can save at most ${MAX_CUSTOM_FILTERS} views in an account`);
  const [row] = await db.insert(customFilters).values({ accountId, userId, name: input.name, filterType, query: input.query }).returning();
  return row;
}

export async function updateCustomFilter(db: DbOrTx, actor: Actor, accountId: number, id: number, params: Partial<CustomFilterInput>): Promise<CustomFilter> {
  const userId = userOf(await requireAccountAccess(db, actor, accountId));
  const existing = await findOwn(db, accountId, userId, id);
  const input = parseInput(customFilterInput.partial(), params, "api");
  const filterType = input.filter_type ?? input.type ?? existing.filterType;
  const query = input.query ?? existing.query;
  await checkQuery(db, accountId, filterType, query);
  const [row] = await db
    .update(customFilters)
    .set({ name: input.name ?? existing.name, filterType, query, updatedAt: new Date() })
    .where(and(eq(customFilters.accountId, accountId), eq(customFilters.id, id)))
    .returning();
  return row;
}

export async function deleteCustomFilter(db: DbOrTx, actor: Actor, accountId: number, id: number): Promise<void> {
  const userId = userOf(await requireAccountAccess(db, actor, accountId));
  await findOwn(db, accountId, userId, id);
  await db.delete(customFilters).where(and(eq(customFilters.accountId, accountId), eq(customFilters.id, id)));
}

/** Another agent's view is "not found", like any id the caller may not see. */
async function findOwn(db: DbOrTx, accountId: number, userId: number, id: number): Promise<CustomFilter> {
  const [row] = await db
    .select()
    .from(customFilters)
    .where(and(eq(customFilters.accountId, accountId), eq(customFilters.userId, userId), eq(customFilters.id, id)))
    .limit(1);
  if (!row) throw notFound("Custom filter");
  return row;
}
