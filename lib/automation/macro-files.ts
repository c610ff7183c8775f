import { randomBytes } from "node:crypto";
import { and, asc, eq, inArray, isNotNull, isNull, lt, notInArray, or } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { macroFiles, macros, type StoredAction } from "@/db/schema";
import { requireAccountAccess } from "@/lib/accounts/access";
import { can } from "@/lib/accounts/permissions";
import type { Actor } from "@/lib/auth/actor";
import { invalid, notFound } from "@/lib/errors";
import { cleanName } from "@/lib/messages/attachment-uploads";
import { attachmentUploadLimit, MAX_MESSAGE_ATTACHMENTS, tooLarge, type MessageFile } from "@/lib/messages/attachments";
import type { AttachmentFile } from "@/lib/messages/get-attachment";

/** How long an uploaded file waits for a macro to name it before it is deleted. */
const UNCLAIMED_TTL_MS = 24 * 60 * 60 * 1000;

export type MacroFileInfo = { id: number; macroId: number | null; key: string; fileName: string; contentType: string; byteSize: number };
const info = { id: macroFiles.id, macroId: macroFiles.macroId, key: macroFiles.key, fileName: macroFiles.fileName, contentType: macroFiles.contentType, byteSize: macroFiles.byteSize };

/**
 * Chatwoot's `POST /macros/attach_file`: keeps a file for a `send_attachment` action, under the
 * same limit as agents' attachments. Until a macro names its id only the uploader may use it; the
 * uploader's files no macro took within a day are deleted here, so abandoned forms leave nothing.
 */
export async function stageMacroFile(db: DbOrTx, actor: Actor, accountId: number, file: { fileName: string; contentType: string; data: Buffer }): Promise<MacroFileInfo> {
  const access = await requireAccountAccess(db, actor, accountId);
  if (access.userId === null) throw notFound("Agent");
  return stageAutomationFile(db, accountId, access.userId, file);
}

/** A staged file has no owner yet: neither a macro nor a rule (./rule-files.ts) took it. */
export const unclaimed = and(isNull(macroFiles.macroId), isNull(macroFiles.ruleId));

/** Keeps an uploaded file, owned by nobody yet, for the uploader's next macro or rule save (checked by the caller). */
export async function stageAutomationFile(db: DbOrTx, accountId: number, userId: number, file: { fileName: string; contentType: string; data: Buffer }): Promise<MacroFileInfo> {
  if (file.data.length === 0) throw invalid("The file is empty");
  if (file.data.length > attachmentUploadLimit()) throw tooLarge(file.fileName);
  const contentType = /^[\w.+-]+\/[\w.+-]+$/.test(file.contentType) ? file.contentType.toLowerCase() : "application/octet-stream";
  await db
    .delete(macroFiles)
    .where(and(eq(macroFiles.accountId, accountId), eq(macroFiles.uploadedById, userId), unclaimed, lt(macroFiles.createdAt, new Date(Date.now() - UNCLAIMED_TTL_MS))));
  const [row] = await db
    .insert(macroFiles)
    .values({ accountId, uploadedById: userId, key: randomBytes(18).toString("base64url"), fileName: cleanName(file.fileName), contentType, byteSize: file.data.length, data: file.data })
    .returning(info);
  return row;
}

/** The file ids a macro's `send_attachment` actions name (Chatwoot's blob ids). */
export function attachmentIdsOf(actions: readonly StoredAction[]): number[] {
  const ids = actions.filter((a) => a.action_name === "send_attachment").flatMap((a) => (a.action_params ?? []).map(Number));
  return [...new Set(ids)];
}

/** Who keeps a file: a macro, or a rule (./rule-files.ts). */
export type FileOwner = { kind: "macro" | "rule"; id: number };
const ownerColumn = (kind: FileOwner["kind"]) => (kind === "macro" ? macroFiles.macroId : macroFiles.ruleId);

/**
 * In the macro's save transaction: the files its actions name become the macro's (each must be
 * already its own, or an unclaimed upload of the saving agent in this account), and the files it
 * no longer names are deleted.
 */
export const claimMacroFiles = (tx: DbOrTx, accountId: number, userId: number, macroId: number, actions: readonly StoredAction[]) =>
  claimFiles(tx, accountId, userId, { kind: "macro", id: macroId }, actions);

/** claimMacroFiles for a macro or a rule. */
export async function claimFiles(tx: DbOrTx, accountId: number, userId: number | null, owner: FileOwner, actions: readonly StoredAction[]): Promise<void> {
  const ids = attachmentIdsOf(actions);
  if (ids.length > MAX_MESSAGE_ATTACHMENTS) throw invalid(`At most ${MAX_MESSAGE_ATTACHMENTS} files`);
  const column = ownerColumn(owner.kind);
  const mine = and(eq(macroFiles.accountId, accountId), eq(column, owner.id));
  await tx.delete(macroFiles).where(ids.length === 0 ? mine : and(mine, notInArray(macroFiles.id, ids)));
  if (ids.length === 0) return;
  const staged = userId === null ? undefined : and(unclaimed, eq(macroFiles.uploadedById, userId));
  const claimed = await tx
    .update(macroFiles)
    .set(owner.kind === "macro" ? { macroId: owner.id } : { ruleId: owner.id })
    .where(and(eq(macroFiles.accountId, accountId), inArray(macroFiles.id, ids), staged ? or(eq(column, owner.id), staged) : eq(column, owner.id)))
    .returning({ id: macroFiles.id });
  if (claimed.length !== ids.length) throw invalid("A file of send_attachment is not there: upload it again", { field: "actions" });
}

/** The files of these macros, by macro (Chatwoot's macro `files`), without their bytes. */
export const filesOfMacros = (db: DbOrTx, accountId: number, macroIds: readonly number[]) => filesOf(db, accountId, "macro", macroIds);

/** The files of these macros or rules, by owner id, without their bytes. */
export async function filesOf(db: DbOrTx, accountId: number, kind: FileOwner["kind"], ownerIds: readonly number[]): Promise<Map<number, MacroFileInfo[]>> {
  const byOwner = new Map<number, MacroFileInfo[]>();
  if (ownerIds.length === 0) return byOwner;
  const column = ownerColumn(kind);
  const rows = await db
    .select({ ...info, ownerId: column })
    .from(macroFiles)
    .where(and(eq(macroFiles.accountId, accountId), inArray(column, [...ownerIds])))
    .orderBy(asc(macroFiles.id));
  for (const { ownerId, ...row } of rows) byOwner.set(ownerId ?? 0, [...(byOwner.get(ownerId ?? 0) ?? []), row]);
  return byOwner;
}

/** For a run: the owner's own files among the ids its action names, with their bytes, in the order named. */
export async function filesToSend(db: DbOrTx, accountId: number, owner: FileOwner, ids: readonly number[]): Promise<MessageFile[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select({ id: macroFiles.id, fileName: macroFiles.fileName, contentType: macroFiles.contentType, data: macroFiles.data })
    .from(macroFiles)
    .where(and(eq(macroFiles.accountId, accountId), eq(ownerColumn(owner.kind), owner.id), inArray(macroFiles.id, [...ids])));
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    return r ? [{ filename: r.fileName, contentType: r.contentType, content: r.data }] : [];
  });
}

/**
 * A file's bytes for its download link: an unclaimed upload for its uploader, a macro's file for
 * whoever sees the macro (personal ones their creator, shared ones everyone in the account), a
 * rule's file for those who manage rules.
 */
export async function getMacroFile(db: DbOrTx, actor: Actor, accountId: number, id: number): Promise<AttachmentFile> {
  const access = await requireAccountAccess(db, actor, accountId);
  if (access.userId === null) throw notFound("File");
  const [row] = await db
    .select({ fileName: macroFiles.fileName, contentType: macroFiles.contentType, data: macroFiles.data })
    .from(macroFiles)
    .leftJoin(macros, and(eq(macros.accountId, macroFiles.accountId), eq(macros.id, macroFiles.macroId)))
    .where(
      and(
        eq(macroFiles.accountId, accountId),
        eq(macroFiles.id, id),
        or(
          and(unclaimed, eq(macroFiles.uploadedById, access.userId)),
          eq(macros.visibility, "global"),
          eq(macros.createdById, access.userId),
          can(access, "automation_manage") ? isNotNull(macroFiles.ruleId) : undefined,
        ),
      ),
    )
    .limit(1);
  if (!row) throw notFound("File");
  return row;
}

export const macroFileUrl = (accountId: number, id: number) => `/api/accounts/${accountId}/macro-files/${id}`;
