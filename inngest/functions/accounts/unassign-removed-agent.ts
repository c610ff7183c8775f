import { getDb } from "@/db/client";
import { unassignRemovedAgent } from "@/lib/accounts/remove-agent";
import { agentRemoved } from "@/lib/jobs/events";
import { inngest } from "@/inngest/client";

/**
 * Unassigns a removed member's conversations (lib/accounts/remove-agent.ts). Retried: each
 * conversation is checked again under its row lock, so a second run only finishes the rest.
 */
export const unassignRemovedAgentFunction = inngest.createFunction(
  { id: "unassign-removed-agent", triggers: [{ event: agentRemoved }], retries: 3 },
  async ({ event, step }) => step.run("unassign", () => unassignRemovedAgent(getDb(), event.data)),
);
