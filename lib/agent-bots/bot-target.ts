import { and, eq, isNotNull } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { agentBotInboxes, agentBots, conversations, type IntegrationDelivery } from "@/db/schema";
import { systemActor } from "@/lib/auth/actor";
import { decryptSecret } from "@/lib/crypto/secrets";
import type { IntegrationEventName } from "@/lib/integrations/events";
import { deliveryTiming } from "@/lib/integrations/delivery/timing";
import type { TargetKind } from "@/lib/integrations/targets/registry";
import { createLogger } from "@/lib/logger";

const log = createLogger("agent-bots");

/** What a bot hears about its inbox's conversations (Chatwoot's agent bot events). */
export const BOT_EVENTS: readonly IntegrationEventName[] = ["conversation_created", "conversation_status_changed", "message_created", "webwidget_triggered"];

/** Chatwoot tried a bot three times: the first attempt and the first two delays of the schedule (5 s, 5 min). */
const botRetryDelays = () => deliveryTiming().retryDelaysMs.slice(0, 2);

const connected = and(eq(agentBots.accountId, agentBotInboxes.accountId), eq(agentBots.id, agentBotInboxes.agentBotId), isNotNull(agentBots.outgoingUrl));

/**
 * Agent bots as a target of the integrations pipeline (lib/integrations/README.md): the bot
 * connected to the event's inbox, when it has an outgoing URL, gets the event signed with its own
 * secret; a delivery that failed for good hands the conversation to the humans.
 */
export const agentBotTargetKind: TargetKind = {
  type: "agent_bot",
  anyTarget: (db, accountId) => db.select({ id: agentBotInboxes.id }).from(agentBotInboxes).innerJoin(agentBots, connected).where(eq(agentBotInboxes.accountId, accountId)),
  targetsFor: async (db, context) => {
    if (context.inboxId === null || !BOT_EVENTS.includes(context.event)) return [];
    const rows = await db
      .select({ id: agentBots.id })
      .from(agentBotInboxes)
      .innerJoin(agentBots, connected)
      .where(and(eq(agentBotInboxes.accountId, context.accountId), eq(agentBotInboxes.inboxId, context.inboxId)));
    return rows.map((r) => r.id);
  },
  resolve: async (db, accountId, botId) => {
    const [bot] = await db
      .select({ url: agentBots.outgoingUrl, secret: agentBots.secretEncrypted })
      .from(agentBots)
      .where(and(eq(agentBots.accountId, accountId), eq(agentBots.id, botId)))
      .limit(1);
    if (!bot) return null;
    if (!bot.url) return { url: "", secrets: [], disabledReason: "The bot has no outgoing URL" };
    return { url: bot.url, secrets: [decryptSecret(bot.secret)], retryDelaysMs: botRetryDelays() };
  },
  onFinalFailure: (db, delivery, reason) => handOffAfterBotFailure(db, delivery, reason),
};

/**
 * A delivery to a bot failed for good (timeouts, 5xx past its retries, a refused address): its
 * conversation, if the bot still holds it (pending), goes to the humans with an activity line
 * saying why, so a customer is never left waiting on a bot that does not answer.
 */
export async function handOffAfterBotFailure(db: DbOrTx, delivery: IntegrationDelivery, reason: string): Promise<void> {
  if (delivery.conversationId === null) return;
  const [row] = await db
    .select({ displayId: conversations.displayId, status: conversations.status })
    .from(conversations)
    .where(and(eq(conversations.accountId, delivery.accountId), eq(conversations.id, delivery.conversationId)))
    .limit(1);
  if (!row || row.status !== "pending") return;
  const [bot] = await db
    .select({ name: agentBots.name })
    .from(agentBots)
    .where(and(eq(agentBots.accountId, delivery.accountId), eq(agentBots.id, delivery.targetId)))
    .limit(1);
  const line = `${bot?.name ?? "The agent bot"} did not answer (${reason.trim() || "no answer"}): the conversation was handed to the team`;
  // Loaded here: toggle-status emits integration events, whose registry lists this module.
  const { toggleStatus } = await import("@/lib/conversations/toggle-status");
  await toggleStatus(db, systemActor("agent bot did not answer"), delivery.accountId, row.displayId, { status: "open" }, { activityLine: line, handoff: true });
  log.info("conversation handed to humans after a bot failure", { accountId: delivery.accountId, conversationId: delivery.conversationId });
}
