import { registerTargetKind } from "./registry";
import { agentBotTargetKind } from "@/lib/agent-bots/bot-target";
import { webhookTargetKind } from "./webhook-target";
import { apiInboxTargetKind } from "@/lib/client-api/callback-target";

/**
 * Every target kind the pipeline delivers to. A new kind (API-channel callbacks, agent bots)
 * adds one line here; nothing else in the pipeline changes (lib/integrations/README.md).
 */
registerTargetKind(webhookTargetKind);
registerTargetKind(apiInboxTargetKind);
registerTargetKind(agentBotTargetKind);

export { accountHasAnyTargets, anyTargetSql, targetKind, targetKinds } from "./registry";
