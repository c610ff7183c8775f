import { clientInboxEndpoint } from "@/lib/api/endpoints/client-api";
import { apiRoute } from "@/lib/api/handler";
import { serializeClientInbox } from "@/lib/api/serializers/client-api";
import { resolveClientInbox } from "@/lib/client-api/caller";

export const GET = apiRoute(clientInboxEndpoint, async ({ db, params }) => serializeClientInbox(await resolveClientInbox(db, params.inbox_identifier)));
