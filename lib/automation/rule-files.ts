import { randomBytes } from "node:crypto";
import { and, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { macroFiles, type StoredAction } from "@/db/schema";
import { requireAccountAccess } from "@/lib/accounts/access";
import { can } from "@/lib/accounts/permissions";
import type { Actor } from "@/lib/auth/actor";
import { forbidden, notFound } from "@/lib/errors";
import { attachmentIdsOf, filesOf, stageAutomationFile, type MacroFileInfo } from "./macro-files";

/**
 * The files of rules' `send_attachment` actions, kept in the same table as macros' (with
 * `rule_id`): Chatwoot's `POST /automation_rules/attach_file` stages one, the rule that names its
 * blob id takes it when saved (rules.ts, through claimFiles), keeps it while an action names it,
 * and takes it along when deleted. Each firing sends it in a reply written in the author's name.
 */
export async function stageRuleFile(db: DbOrTx, actor: Actor, accountId: number, file: { fileName: string; contentType: string; data: Buffer }): Promise<MacroFileInfo> {
  const access = await requireAccountAccess(db, actor, accountId);
  if (!can(access, "automation_manage")) throw forbidden("Only administrators manage automation rules");
  if (access.userId === null) throw notFound("Agent");
  return stageAutomationFile(db, accountId, access.userId, file);
}

/** The files of these rules, by rule (Chatwoot's rule `files`), without their bytes. */
export const filesOfRules = (db: DbOrTx, accountId: number, ruleIds: readonly number[]) => filesOf(db, accountId, "rule", ruleIds);

/**
 * A cloned rule gets its own copy of each file its actions name (a file has one owner, and a file
 * shared by two rules would vanish with the first one deleted); the copy's actions name the copies.
 */
export async function copyRuleFiles(tx: DbOrTx, accountId: number, fromRuleId: number, toRuleId: number, actions: readonly StoredAction[]): Promise<StoredAction[]> {
  const ids = attachmentIdsOf(actions);
  if (ids.length === 0) return [...actions];
  const originals = await tx
    .select()
    .from(macroFiles)
    .where(and(eq(macroFiles.accountId, accountId), eq(macroFiles.ruleId, fromRuleId), inArray(macroFiles.id, ids)));
  const renamed = new Map<number, number>();
  for (const f of originals) {
    const [copy] = await tx
      .insert(macroFiles)
      .values({ accountId, ruleId: toRuleId, uploadedById: f.uploadedById, key: randomBytes(18).toString("base64url"), fileName: f.fileName, contentType: f.contentType, byteSize: f.byteSize, data: f.data })
      .returning({ id: macroFiles.id });
    renamed.set(f.id, copy.id);
  }
  return actions.map((a) =>
    a.action_name === "send_attachment" ? { ...a, action_params: (a.action_params ?? []).map((p) => renamed.get(Number(p)) ?? p) } : a,
  );
}
