import { randomBytes } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { DbOrTx, Tx } from "@/db/client";
import { inTransaction } from "@/db/transaction";
import { helpCenterFiles, portals, type HelpCenterFile, type Portal } from "@/db/schema";
import { requireAccountAccess } from "@/lib/accounts/access";
import { requirePermission } from "@/lib/accounts/permissions";
import type { Actor } from "@/lib/auth/actor";
import { appUrl } from "@/lib/env";
import { AppError, invalid } from "@/lib/errors";
import { isSafeInlineType, safeFilename } from "@/lib/messages/download-headers";
import { announceHelpCenterChange } from "./changes";
import { findPortal, portalNames } from "./portal-access";

/** Images of a help center: logos and pictures in articles. Raster formats only (SVG can carry script). */
export const HELP_CENTER_IMAGE_MAX_BYTES = 5 * 1024 * 1024;
/** Where the files are served, on the app's own origin (also from a portal on a custom domain). */
export const HELP_CENTER_FILES_PATH = "/help-center/files/";

export function helpCenterFileUrl(file: Pick<HelpCenterFile, "key" | "fileName">): string {
  return `${appUrl()}${HELP_CENTER_FILES_PATH}${file.key}/${encodeURIComponent(file.fileName)}`;
}

/** True for a URL of our own help-center storage (the renderer lets these images through even over http). */
export function isHelpCenterFileUrl(url: string): boolean {
  return url.startsWith(`${appUrl()}${HELP_CENTER_FILES_PATH}`) || url.startsWith(HELP_CENTER_FILES_PATH);
}

export type UploadInput = { fileName: string; contentType: string; data: Buffer };

function checkImage(input: UploadInput): { fileName: string; contentType: string } {
  const contentType = input.contentType.split(";")[0].trim().toLowerCase();
  if (!isSafeInlineType(contentType)) throw invalid("Only PNG, JPEG, GIF, WebP, AVIF or BMP images can be uploaded");
  if (input.data.length === 0) throw invalid("The file is empty");
  if (input.data.length > HELP_CENTER_IMAGE_MAX_BYTES) throw new AppError("too_large", "Images can be at most 5 MB");
  return { fileName: safeFilename(input.fileName, "image"), contentType };
}

async function insertFile(db: DbOrTx, portal: Portal, userId: number | null, input: UploadInput) {
  const checked = checkImage(input);
  const [file] = await db
    .insert(helpCenterFiles)
    .values({
      accountId: portal.accountId,
      portalId: portal.id,
      key: randomBytes(18).toString("base64url"),
      fileName: checked.fileName,
      contentType: checked.contentType,
      byteSize: input.data.length,
      data: input.data,
      uploadedById: userId,
    })
    .returning();
  return file;
}

/** An image uploaded into an article (administrators); returns its public URL for the Markdown. */
export async function uploadArticleImage(
  db: DbOrTx,
  actor: Actor,
  accountId: number,
  portalSlug: string | number,
  input: UploadInput,
): Promise<{ id: number; url: string; fileName: string }> {
  const access = await requireAccountAccess(db, actor, accountId);
  requirePermission(access, "knowledge_base_manage");
  const portal = await findPortal(db, access, portalSlug);
  const file = await insertFile(db, portal, access.userId, input);
  return { id: file.id, url: helpCenterFileUrl(file), fileName: file.fileName };
}

/** Replaces the portal's logo (administrators); `null` removes it. The old file goes. */
export async function setPortalLogo(db: DbOrTx, actor: Actor, accountId: number, portalSlug: string | number, input: UploadInput | null): Promise<Portal> {
  const access = await requireAccountAccess(db, actor, accountId);
  requirePermission(access, "knowledge_base_manage");
  return inTransaction(db, async (tx, afterCommit) => {
    const portal = await findPortal(tx, access, portalSlug, { lock: true });
    const updated = await replaceLogo(tx, portal, access.userId, input);
    announceHelpCenterChange(afterCommit, { accountId, portalId: portal.id, kind: "file", ...portalNames(portal) });
    return updated;
  });
}

/** Inside the caller's transaction, with the portal locked: stores the new logo, drops the old one. */
export async function replaceLogo(tx: Tx, portal: Portal, userId: number | null, input: UploadInput | null): Promise<Portal> {
  const file = input ? await insertFile(tx, portal, userId, input) : null;
  const [updated] = await tx
    .update(portals)
    .set({ logoFileId: file?.id ?? null, updatedAt: new Date() })
    .where(and(eq(portals.accountId, portal.accountId), eq(portals.id, portal.id)))
    .returning();
  if (portal.logoFileId) {
    await tx.delete(helpCenterFiles).where(and(eq(helpCenterFiles.accountId, portal.accountId), eq(helpCenterFiles.id, portal.logoFileId)));
  }
  return updated;
}

export type PortalLogo = Omit<HelpCenterFile, "data"> & { url: string };

/** Logo of a portal for serializers: id, name, type and URL (no bytes). */
export async function portalLogo(db: DbOrTx, portal: Portal): Promise<PortalLogo | null> {
  if (!portal.logoFileId) return null;
  const [file] = await db
    .select({
      id: helpCenterFiles.id,
      accountId: helpCenterFiles.accountId,
      portalId: helpCenterFiles.portalId,
      key: helpCenterFiles.key,
      fileName: helpCenterFiles.fileName,
      contentType: helpCenterFiles.contentType,
      byteSize: helpCenterFiles.byteSize,
      uploadedById: helpCenterFiles.uploadedById,
      createdAt: helpCenterFiles.createdAt,
    })
    .from(helpCenterFiles)
    .where(and(eq(helpCenterFiles.accountId, portal.accountId), eq(helpCenterFiles.id, portal.logoFileId)));
  return file ? { ...file, url: helpCenterFileUrl(file) } : null;
}

/**
 * A file by its public key, for anyone: help-center images are public once linked, and the
 * random key is the only way to name one (no actor, like the public pages).
 */
export async function readPublicHelpCenterFile(db: DbOrTx, key: string): Promise<HelpCenterFile | null> {
  if (!/^[A-Za-z0-9_-]{10,64}$/.test(key)) return null;
  const [file] = await db.select().from(helpCenterFiles).where(eq(helpCenterFiles.key, key)).limit(1);
  return file ?? null;
}
