import { getDb } from "@/db/client";
import { claimDueMailboxes } from "@/lib/mailbox/imap/due-mailboxes";
import { pollMailbox } from "@/lib/mailbox/imap/poll-mailbox";
import { publishPollResult } from "@/lib/inboxes/poll-result";
import { inngest } from "@/inngest/client";
import { mailboxPollRequested } from "@/lib/jobs/events";
import { sendEvent } from "@/lib/jobs/send";

/**
 * Every minute: claims the IMAP polls due before the next tick and asks for each, with its due
 * time (the poll waits until then), so an inbox is polled at its own interval, not the cron's.
 * Each inbox is its own run of pollMailboxFunction, so one failing inbox never blocks another.
 */
export const dispatchDueMailboxPolls = inngest.createFunction(
  { id: "dispatch-due-mailbox-polls", triggers: [{ cron: "* * * * *" }], concurrency: { limit: 1 }, retries: 2 },
  async ({ step }) => {
    const due = await step.run("claim-due-mailboxes", () => claimDueMailboxes(getDb()));
    if (due.length > 0) {
      await step.run("request-polls", () => sendEvent(due.map((d) => mailboxPollRequested.create(d))));
    }
    return { requested: due.length };
  },
);

/**
 * Polls one inbox's IMAP folder: from the cron, "Poll now", a backfill request, or itself when a
 * poll stopped at its per-poll limit with more mail waiting. One run per inbox at a time: two
 * polls of one folder would only race for the same UIDs.
 */
export const pollMailboxFunction = inngest.createFunction(
  {
    id: "poll-mailbox",
    triggers: [{ event: mailboxPollRequested }],
    concurrency: { limit: 1, key: "event.data.inboxId" },
    retries: 2,
  },
  async ({ event, step }) => {
    const { accountId, inboxId, dueAt, requestId } = event.data;
    // Asked for by the cron ahead of time: a sleeping run holds no concurrency slot meanwhile.
    // (Called whenever dueAt is set, past or not, so the steps replay the same on every attempt.)
    if (dueAt) await step.sleepUntil("wait-until-due", new Date(dueAt));
    const result = await step.run("poll", () => pollMailbox(getDb(), { accountId, inboxId }));
    if (result.ok && result.more) {
      await step.run("continue", () => sendEvent(mailboxPollRequested.create({ accountId, inboxId })));
    }
    // Someone waits for this poll ("Poll now"): tell their screen how it went.
    if (requestId) await step.run("publish-result", () => publishPollResult({ accountId, inboxId }, requestId, result));
    return result;
  },
);
