import type { Metadata } from "next";
import { getDb } from "@/db/client";
import { loadBotsSettings } from "@/lib/agent-bots/bots-settings";
import { loadAccountContext } from "@/app/_server/account-context";
import { AgentBotForm, AgentBotRow } from "@/components/agent-bots/agent-bot-settings";
import { Alert } from "@/components/ui/alert";
import { Card, CardHeader, EmptyState } from "@/components/ui/card";

export const metadata: Metadata = { title: "Bots" };

/** Settings → Bots: the account's agent bots, their inboxes and tokens (administrators). */
export default async function BotsPage({ params }: { params: Promise<{ accountId: string }> }) {
  const ctx = await loadAccountContext((await params).accountId);
  if (!ctx.can("integration_manage")) return <Alert tone="info">Your role does not let you manage bots.</Alert>;
  const { bots, inboxes: withBots } = await loadBotsSettings(getDb(), ctx.actor, ctx.accountId);
  return (
    <>
      <h1 className="sr-only">Bots</h1>
      <Card>
        <CardHeader
          title="Bots"
          description="A bot answers an inbox's conversations before people do: it receives their events at its outgoing URL and replies with its own access token."
        />
        {bots.length === 0 ? (
          <EmptyState title="No bots yet" />
        ) : (
          <ul className="divide-y divide-slate-100" aria-label="Bots">
            {bots.map((bot) => (
              <li key={bot.id}>
                <AgentBotRow accountId={ctx.accountId} bot={{ id: bot.id, name: bot.name, description: bot.description, outgoingUrl: bot.outgoingUrl }} inboxes={withBots} />
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card className="mt-6">
        <CardHeader title="Add a bot" />
        <AgentBotForm accountId={ctx.accountId} />
      </Card>
    </>
  );
}
