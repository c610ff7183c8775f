import type { AgentBotDetails } from "@/lib/agent-bots/bot-input";

/**
 * Chatwoot's agent bot JSON. `access_token` is the token in clear only right after creation or a
 * reset (we keep its hash), null otherwise; `secret` (what the bot's events are signed with) only
 * for administrators. `thumbnail` is the avatar URL.
 */
export function serializeAgentBot(b: AgentBotDetails) {
  return {
    id: b.id,
    name: b.name,
    description: b.description ?? "",
    thumbnail: b.avatarUrl ?? "",
    avatar_url: b.avatarUrl ?? "",
    outgoing_url: b.outgoingUrl ?? "",
    bot_type: b.botType,
    bot_config: b.botConfig,
    account_id: b.accountId,
    access_token: b.accessToken,
    system_bot: b.accountId === null,
    ...(b.secret !== null ? { secret: b.secret } : {}),
  };
}
