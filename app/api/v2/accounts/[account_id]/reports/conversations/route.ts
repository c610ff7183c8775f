import { reportConversationsEndpoint } from "@/lib/api/endpoints/reports";
import { apiRoute } from "@/lib/api/handler";
import { getLiveAgentLoad, getLiveConversationCounts } from "@/lib/reports";

// Chatwoot: type=account gives the account's live counts, type=agent each agent's open load.
export const GET = apiRoute(reportConversationsEndpoint, async ({ db, actor, params, query }) => {
  if (query.type === "account") return getLiveConversationCounts(db, actor, params.account_id);
  const agents = await getLiveAgentLoad(db, actor, params.account_id);
  return agents.filter((a) => query.user_id === undefined || a.id === query.user_id).map((a) => ({ ...a, thumbnail: "" }));
});
