import { getDb } from "@/db/client";
import { inngest } from "@/inngest/client";
import { makePendingThumbnails } from "@/lib/attachments/thumbnails";
import { attachmentThumbnailsRequested } from "@/lib/jobs/events";

/**
 * Thumbnails of image attachments (docs/composer.md, Attachments). The event, sent after a reply
 * or note with files commits, makes that message's at once; the minute's sweep makes the rest
 * (imported mail, a lost event, images stored before thumbnails existed), a bounded batch per run.
 * One run at a time: two would only decode the same images.
 */
export const makeThumbnailsFunction = inngest.createFunction(
  {
    id: "make-attachment-thumbnails",
    triggers: [{ cron: "* * * * *" }, { event: attachmentThumbnailsRequested }],
    concurrency: { limit: 1 },
    retries: 2,
  },
  async ({ event, step }) => {
    const data = event.name === attachmentThumbnailsRequested.name ? (event.data as { accountId: number; messageId: number }) : undefined;
    const only = data ? { accountId: data.accountId, messageId: data.messageId } : undefined;
    return step.run("make-thumbnails", () => makePendingThumbnails(getDb(), only));
  },
);
