import { can } from "@/lib/accounts/permissions";
import { and, asc, eq, inArray, or } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { accountUsers, macros, users, type Macro } from "@/db/schema";
import { userActor, type Actor } from "@/lib/auth/actor";
import { requireAccountAccess, type AccountAccess } from "@/lib/accounts/access";
import { parseInput } from "@/lib/api/validation";
import { forbidden, notFound } from "@/lib/errors";
import { macroExecutionRequested } from "@/lib/jobs/events";
import { sendEvent } from "@/lib/jobs/send";
import { inTransaction } from "@/db/transaction";
import { gatherLiveUpdates } from "@/lib/realtime/publish";
import { MACRO_ACTIONS } from "./action-names";
import { actionSchema, type ActionResult } from "./actions";
import { performActions } from "./fire";
import { claimMacroFiles, filesOfMacros, type MacroFileInfo } from "./macro-files";

/**
 * Macros (Chatwoot's): a named list of actions an agent runs on conversations. Personal macros
 * are the creator's alone; global ones are seen and run by everyone in the account, and only
 * administrators make, change or delete them. Running one does each action through the same
 * domain function as a click, as the agent who runs it, on each conversation they can see.
 */
export const macroInput = z.object({
  name: z.string().trim().min(1, "Name can't be blank").max(255),
  visibility: z.enum(["personal", "global"]).optional(),
  actions: z.array(actionSchema(MACRO_ACTIONS)).min(1, "Add at least one action").max(30),
});
export type MacroInput = z.input<typeof macroInput>;

/** Conversations run within the request; more go to a job (the answer does not wait for them). */
export const INLINE_MACRO_LIMIT = 25;
export const MAX_MACRO_CONVERSATIONS = 1000;

const executeInput = z.object({ conversationIds: z.array(z.coerce.number().int().positive()).min(1, "Name at least one conversation").max(MAX_MACRO_CONVERSATIONS) });

async function agentAccess(db: DbOrTx, actor: Actor, accountId: number): Promise<AccountAccess & { userId: number }> {
  const access = await requireAccountAccess(db, actor, accountId);
  if (access.userId === null) throw forbidden("Macros are run by an agent");
  return { ...access, userId: access.userId };
}

const visibleTo = (accountId: number, userId: number) =>
  and(eq(macros.accountId, accountId), or(eq(macros.visibility, "global"), eq(macros.createdById, userId)));

export async function listMacros(db: DbOrTx, actor: Actor, accountId: number): Promise<Macro[]> {
  const access = await agentAccess(db, actor, accountId);
  return db.select().from(macros).where(visibleTo(accountId, access.userId)).orderBy(asc(macros.name), asc(macros.id));
}

export async function getMacro(db: DbOrTx, actor: Actor, accountId: number, id: number): Promise<Macro> {
  const access = await agentAccess(db, actor, accountId);
  return findVisibleMacro(db, access, id);
}

async function findVisibleMacro(db: DbOrTx, access: AccountAccess & { userId: number }, id: number): Promise<Macro> {
  const [macro] = await db.select().from(macros).where(and(visibleTo(access.accountId, access.userId), eq(macros.id, id)));
  if (!macro) throw notFound("Macro");
  return macro;
}

function requireCanEdit(access: AccountAccess, macro: Pick<Macro, "visibility" | "createdById">) {
  if (macro.visibility === "global" ? !can(access, "automation_manage") : macro.createdById !== access.userId) {
    throw forbidden("Only administrators change shared macros");
  }
}

export async function createMacro(db: DbOrTx, actor: Actor, accountId: number, params: MacroInput): Promise<Macro> {
  const access = await agentAccess(db, actor, accountId);
  const input = parseInput(macroInput, params, "api");
  // As Chatwoot: an agent's macro is personal whatever they ask for.
  const visibility = can(access, "automation_manage") ? (input.visibility ?? "personal") : "personal";
  return inTransaction(db, async (tx) => {
    const [macro] = await tx
      .insert(macros)
      .values({ accountId, name: input.name, visibility, actions: input.actions, createdById: access.userId, updatedById: access.userId })
      .returning();
    await claimMacroFiles(tx, accountId, access.userId, macro.id, macro.actions);
    return macro;
  });
}

export async function updateMacro(db: DbOrTx, actor: Actor, accountId: number, id: number, params: Partial<MacroInput>): Promise<Macro> {
  const access = await agentAccess(db, actor, accountId);
  const input = parseInput(macroInput.partial(), params, "api");
  const macro = await findVisibleMacro(db, access, id);
  requireCanEdit(access, macro);
  const visibility = input.visibility === undefined ? macro.visibility : can(access, "automation_manage") ? input.visibility : "personal";
  return inTransaction(db, async (tx) => {
    const [updated] = await tx
      .update(macros)
      .set({ name: input.name ?? macro.name, visibility, actions: input.actions ?? macro.actions, updatedById: access.userId, updatedAt: new Date() })
      .where(and(eq(macros.accountId, accountId), eq(macros.id, id)))
      .returning();
    if (input.actions) await claimMacroFiles(tx, accountId, access.userId, id, updated.actions);
    return updated;
  });
}

export async function deleteMacro(db: DbOrTx, actor: Actor, accountId: number, id: number): Promise<void> {
  const access = await agentAccess(db, actor, accountId);
  const macro = await findVisibleMacro(db, access, id);
  requireCanEdit(access, macro);
  await db.delete(macros).where(and(eq(macros.accountId, accountId), eq(macros.id, id)));
}

export type MacroRun = { queued: boolean; results: { displayId: number; actions: ActionResult[] }[] };

/**
 * Runs a macro on conversations (display ids, as Chatwoot's `conversation_ids`). A few run now and
 * the answer says what each action did; more are queued and run as the same agent by a job.
 */
export async function executeMacro(db: DbOrTx, actor: Actor, accountId: number, id: number, params: { conversationIds: unknown }): Promise<MacroRun> {
  const access = await agentAccess(db, actor, accountId);
  const { conversationIds } = parseInput(executeInput, params, "api");
  const macro = await findVisibleMacro(db, access, id);
  const displayIds = [...new Set(conversationIds)];
  if (displayIds.length > INLINE_MACRO_LIMIT) {
    await sendEvent(macroExecutionRequested.create({ accountId, userId: access.userId, macroId: macro.id, displayIds }));
    return { queued: true, results: [] };
  }
  return { queued: false, results: await runMacroOn(db, access.userId, accountId, macro, displayIds) };
}

/** The job's body: the agent's access now, not when they asked. */
export async function runQueuedMacro(db: DbOrTx, data: { accountId: number; userId: number; macroId: number; displayIds: number[] }): Promise<MacroRun> {
  const access = await agentAccess(db, userActor(data.userId), data.accountId);
  const macro = await findVisibleMacro(db, access, data.macroId);
  return { queued: false, results: await runMacroOn(db, data.userId, data.accountId, macro, data.displayIds) };
}

/**
 * Each conversation's actions are its own commits (one failing does not undo the others), but
 * screens get one live update per conversation with its final state, not one per action
 * (gatherLiveUpdates): a bulk run over a full page would otherwise patch every list 25 × N times.
 */
async function runMacroOn(db: DbOrTx, userId: number, accountId: number, macro: Macro, displayIds: number[]) {
  const results: MacroRun["results"] = [];
  for (const displayId of displayIds) {
    const ctx = { actor: userActor(userId), writerId: userId, accountId, displayId, macroId: macro.id };
    results.push({ displayId, actions: await gatherLiveUpdates(() => performActions(db, ctx, macro.actions)) });
  }
  return results;
}

export type MacroAuthor = { id: number; name: string; displayName: string | null; email: string; role: string };
export type MacroDetails = Macro & { createdBy: MacroAuthor | null; updatedBy: MacroAuthor | null; files: MacroFileInfo[] };

/** The macros with their creator, last editor and files (one read each for all of them), as Chatwoot's JSON shows them. */
export async function withAuthors(db: DbOrTx, accountId: number, rows: Macro[]): Promise<MacroDetails[]> {
  const ids = [...new Set(rows.flatMap((m) => [m.createdById, m.updatedById]).filter((id): id is number => id !== null))];
  const authors =
    ids.length === 0
      ? []
      : await db
          .select({ id: users.id, name: users.name, displayName: users.displayName, email: users.email, role: accountUsers.role })
          .from(users)
          .innerJoin(accountUsers, and(eq(accountUsers.userId, users.id), eq(accountUsers.accountId, accountId)))
          .where(inArray(users.id, ids));
  const byId = new Map(authors.map((a) => [a.id, a]));
  const files = await filesOfMacros(db, accountId, rows.map((m) => m.id));
  return rows.map((m) => ({ ...m, createdBy: (m.createdById && byId.get(m.createdById)) || null, updatedBy: (m.updatedById && byId.get(m.updatedById)) || null, files: files.get(m.id) ?? [] }));
}
