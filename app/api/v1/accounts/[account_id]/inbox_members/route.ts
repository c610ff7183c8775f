import { addInboxMembersEndpoint, removeInboxMembersEndpoint, setInboxMembersEndpoint } from "@/lib/api/endpoints/inboxes";
import { apiRoute } from "@/lib/api/handler";
import { serializeAgent } from "@/lib/api/serializers/agent";
import { addInboxMembers, removeInboxMembers, setInboxMembers, type InboxMember } from "@/lib/inboxes/members";

const payload = (accountId: number, members: InboxMember[]) => ({
  payload: members.map((m) => serializeAgent({ ...m, accountId })),
});

export const POST = apiRoute(addInboxMembersEndpoint, async ({ db, actor, params, body }) =>
  payload(params.account_id, await addInboxMembers(db, actor, params.account_id, body.inbox_id, { userIds: body.user_ids })),
);

export const PATCH = apiRoute(setInboxMembersEndpoint, async ({ db, actor, params, body }) =>
  payload(params.account_id, await setInboxMembers(db, actor, params.account_id, body.inbox_id, { userIds: body.user_ids })),
);

export const DELETE = apiRoute(removeInboxMembersEndpoint, async ({ db, actor, params, body }) => {
  await removeInboxMembers(db, actor, params.account_id, body.inbox_id, { userIds: body.user_ids });
});
