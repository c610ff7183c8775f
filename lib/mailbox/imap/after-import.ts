import type { ImapFlow } from "imapflow";
import { createLogger } from "@/lib/logger";

/**
 * The server-side action on messages already committed here (docs/email.md, Ingestion: always after the
 * commit). `move` puts them in the processed folder (created when missing) and falls back to
 * setting \Seen when the server refuses the move; `mark_seen` sets \Seen; `leave` does nothing.
 * A failure here loses nothing: the next poll sees the message again and the unique key drops it.
 */
export type AfterImportAction = "move" | "mark_seen" | "leave";

const log = createLogger("imap-poll");

export async function ensureFolder(client: ImapFlow, folder: string): Promise<boolean> {
  const folders = await client.list();
  if (folders.some((f) => f.path === folder)) return true;
  try {
    await client.mailboxCreate(folder);
    return true;
  } catch (error) {
    log.warn("could not create the processed folder", { folder, error: String(error) });
    return false;
  }
}

export async function applyAfterImport(
  client: ImapFlow,
  uids: number[],
  action: AfterImportAction,
  processedFolder: string | null,
): Promise<"moved" | "seen" | "left"> {
  if (uids.length === 0 || action === "leave") return "left";
  const range = uids.join(",");
  if (action === "move" && processedFolder) {
    try {
      const moved = await client.messageMove(range, processedFolder, { uid: true });
      if (moved) return "moved";
    } catch (error) {
      log.warn("the server refused to move messages; marking them seen instead", { folder: processedFolder, error: String(error) });
    }
  }
  await client.messageFlagsAdd(range, ["\\Seen"], { uid: true });
  return "seen";
}
