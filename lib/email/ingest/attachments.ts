import type { DbOrTx } from "@/db/client";
import { attachments } from "@/db/schema";
import { env } from "@/lib/env";
import type { ParsedAttachment } from "@/lib/email/types";

/**
 * Attachments of an inbound email (docs/email.md, Content): every part up to EMAIL_ATTACHMENT_MAX_BYTES is
 * kept (bytes in PostgreSQL); a larger one is listed as not imported with its name and size, never
 * dropped silently. Inline images are mapped from their Content-ID to the stored attachment so
 * the viewer can resolve `cid:` references.
 */
export type NotImportedAttachment = { filename: string; content_type: string; size: number; reason: string };

export function partitionAttachments(parts: ParsedAttachment[], maxBytes = env().EMAIL_ATTACHMENT_MAX_BYTES) {
  const kept: ParsedAttachment[] = [];
  const notImported: NotImportedAttachment[] = [];
  for (const part of parts) {
    if (part.size > maxBytes || part.content.length > maxBytes) {
      notImported.push({
        filename: part.filename,
        content_type: part.contentType,
        size: Math.max(part.size, part.content.length),
        reason: `Larger than the ${formatBytes(maxBytes)} limit for attachments`,
      });
    } else {
      kept.push(part);
    }
  }
  return { kept, notImported };
}

export function fileTypeOf(contentType: string): "image" | "audio" | "video" | "file" {
  const major = contentType.split("/")[0]?.toLowerCase();
  return major === "image" || major === "audio" || major === "video" ? major : "file";
}

/** Stores the parts; returns Content-ID → attachment id for inline images. */
export async function storeAttachments(
  tx: DbOrTx,
  accountId: number,
  messageId: number,
  parts: ParsedAttachment[],
): Promise<Record<string, number>> {
  const inline: Record<string, number> = {};
  // One row at a time: 30 attachments of 25 MB must not become one 750 MB statement.
  for (const part of parts) {
    const [row] = await tx
      .insert(attachments)
      .values({
        accountId,
        messageId,
        fileType: fileTypeOf(part.contentType),
        fileName: part.filename,
        contentType: part.contentType,
        byteSize: part.content.length,
        data: part.content,
      })
      .returning({ id: attachments.id });
    if (part.contentId) inline[part.contentId] = row.id;
  }
  return inline;
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}
