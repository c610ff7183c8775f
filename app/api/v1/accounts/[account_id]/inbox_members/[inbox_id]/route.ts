import { listInboxMembersEndpoint } from "@/lib/api/endpoints/inboxes";
import { apiRoute } from "@/lib/api/handler";
import { serializeAgent } from "@/lib/api/serializers/agent";
import { listInboxMembers } from "@/lib/inboxes/members";

export const GET = apiRoute(listInboxMembersEndpoint, async ({ db, actor, params }) => ({
  payload: (await listInboxMembers(db, actor, params.account_id, params.inbox_id)).map((m) =>
    serializeAgent({ ...m, accountId: params.account_id }),
  ),
}));
