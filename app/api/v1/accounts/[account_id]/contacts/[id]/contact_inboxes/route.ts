import { createContactInboxEndpoint } from "@/lib/api/endpoints/contacts";
import { apiRoute } from "@/lib/api/handler";
import { serializeContactInbox } from "@/lib/api/serializers/contact-inbox";
import { createContactInbox } from "@/lib/contacts/contact-inboxes";

export const POST = apiRoute(createContactInboxEndpoint, async ({ db, actor, params, body }) =>
  serializeContactInbox(await createContactInbox(db, actor, params.account_id, params.id, { inboxId: body.inbox_id, sourceId: body.source_id })),
);
