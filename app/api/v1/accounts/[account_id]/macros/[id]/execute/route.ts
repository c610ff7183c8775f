import { executeMacroEndpoint } from "@/lib/api/endpoints/automation";
import { apiRoute } from "@/lib/api/handler";
import { executeMacro } from "@/lib/automation/macros";

// Chatwoot answers 200 with an empty body (it queues a job); what each action did is in the activity lines.
export const POST = apiRoute(executeMacroEndpoint, async ({ db, actor, params, body }) => {
  await executeMacro(db, actor, params.account_id, params.id, { conversationIds: body.conversation_ids });
});
