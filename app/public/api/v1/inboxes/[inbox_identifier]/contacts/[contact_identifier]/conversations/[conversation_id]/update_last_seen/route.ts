import { updateClientLastSeenEndpoint } from "@/lib/api/endpoints/client-api";
import { apiRoute } from "@/lib/api/handler";
import { updateClientLastSeen } from "@/lib/client-api/conversations";

export const POST = apiRoute(updateClientLastSeenEndpoint, async ({ db, params }) => {
  await updateClientLastSeen(db, params.inbox_identifier, params.contact_identifier, params.conversation_id);
});
