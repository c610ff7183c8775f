import type { Db } from "@/db/client";
import { createLogger } from "@/lib/logger";
import { getAccessToken } from "@/lib/mailbox/oauth/access-token";
import { graphClient, graphUrl, userPath, type GraphScope } from "./client";
import { describeGraphError } from "./errors";
import { recordGraphHealth } from "./health";
import { importGraphMessage } from "./import-message";
import { graphSubscriptionRow, updateGraphSubscription } from "./subscription-store";

const log = createLogger("graph-delta");

/** Pages per run at most: a run that stops early resumes from the saved link next time. */
const MAX_PAGES = 200;

type DeltaPage = {
  value?: { id?: string; "@removed"?: unknown }[];
  "@odata.nextLink"?: string;
  "@odata.deltaLink"?: string;
};

export type DeltaResult = { imported: number; duplicates: number; failed: number; pages: number; complete: boolean };

/**
 * The reconciler behind change notifications: asks Graph what changed in the inbox folder since
 * the saved deltaLink and imports every new message through the usual pipeline (duplicates of
 * notified messages are recognised by Message-ID), so a lost or `missed` notification never loses
 * mail. The link is saved after each page, so a run that fails halfway resumes where it stopped.
 * `baseline` takes the starting point without importing the mailbox's history; so does a run
 * for an inbox that has none yet (a new inbox must not import years of old mail).
 */
export async function syncGraphDelta(db: Db, scope: GraphScope, options: { baseline?: boolean } = {}): Promise<DeltaResult> {
  const token = await getAccessToken(db, scope);
  const row = await graphSubscriptionRow(db, scope, token.mailboxAddress);
  const client = graphClient(db, scope);
  const baseline = options.baseline === true || !row.deltaLink;
  const result: DeltaResult = { imported: 0, duplicates: 0, failed: 0, pages: 0, complete: false };
  let next: string = row.deltaLink ?? graphUrl(`${userPath(token.mailboxAddress)}/mailFolders('inbox')/messages/delta?$select=id`);
  try {
    while (result.pages < MAX_PAGES) {
      const page = (await client.api(next).get()) as DeltaPage;
      result.pages += 1;
      if (!baseline) {
        for (const item of page.value ?? []) {
          if (!item.id || item["@removed"]) continue;
          const outcome = await importGraphMessage(db, scope, item.id).catch((error: unknown) => {
            log.warn("delta import failed", { ...scope, graphMessageId: item.id, error: error instanceof Error ? error.message : String(error) });
            return null;
          });
          if (!outcome) result.failed += 1;
          else if (outcome.status === "duplicate") result.duplicates += 1;
          else result.imported += 1;
        }
      }
      const link = page["@odata.nextLink"] ?? page["@odata.deltaLink"];
      // A failed import keeps the old link: the next run fetches that page again (imports are idempotent).
      if (link && result.failed === 0) await updateGraphSubscription(db, row.id, { deltaLink: link });
      if (page["@odata.deltaLink"] || !page["@odata.nextLink"]) {
        result.complete = true;
        break;
      }
      next = page["@odata.nextLink"];
    }
    await updateGraphSubscription(db, row.id, { lastDeltaAt: new Date(), ...(result.failed === 0 ? { lastError: null, lastErrorAt: null } : {}) });
    await recordGraphHealth(db, scope, result.failed === 0 ? null : { message: `${result.failed} new message(s) in ${token.mailboxAddress} could not be fetched from Microsoft Graph; the next run tries again.`, error: null });
    return result;
  } catch (error) {
    const { message } = describeGraphError(error, `list new mail in ${token.mailboxAddress}`);
    await updateGraphSubscription(db, row.id, { lastError: message, lastErrorAt: new Date() });
    await recordGraphHealth(db, scope, { message, error });
    throw error;
  }
}
