import { pollInboxEndpoint } from "@/lib/api/endpoints/inboxes";
import { apiRoute } from "@/lib/api/handler";
import { requestInboxPoll } from "@/lib/inboxes/email-poll-now";

export const POST = apiRoute(pollInboxEndpoint, async ({ db, actor, params }) => {
  const { queued } = await requestInboxPoll(db, actor, params.account_id, params.id);
  return { queued };
});
