import { addParticipantsEndpoint, listParticipantsEndpoint, removeParticipantsEndpoint, replaceParticipantsEndpoint } from "@/lib/api/endpoints/people";
import { apiRoute } from "@/lib/api/handler";
import { serializeAgent } from "@/lib/api/serializers/agent";
import { changeParticipants, listParticipants } from "@/lib/conversations/participants";

export const GET = apiRoute(listParticipantsEndpoint, async ({ db, actor, params }) =>
  (await listParticipants(db, actor, params.account_id, params.conversation_id)).map((a) => serializeAgent({ ...a, accountId: params.account_id })),
);

export const POST = apiRoute(addParticipantsEndpoint, async ({ db, actor, params, body }) =>
  (await changeParticipants(db, actor, params.account_id, params.conversation_id, "add", { userIds: body.user_ids })).map((a) =>
    serializeAgent({ ...a, accountId: params.account_id }),
  ),
);

export const PATCH = apiRoute(replaceParticipantsEndpoint, async ({ db, actor, params, body }) =>
  (await changeParticipants(db, actor, params.account_id, params.conversation_id, "replace", { userIds: body.user_ids })).map((a) =>
    serializeAgent({ ...a, accountId: params.account_id }),
  ),
);

export const DELETE = apiRoute(removeParticipantsEndpoint, async ({ db, actor, params, body }) =>
  (await changeParticipants(db, actor, params.account_id, params.conversation_id, "remove", { userIds: body.user_ids })).map((a) =>
    serializeAgent({ ...a, accountId: params.account_id }),
  ),
);
