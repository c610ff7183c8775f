"use client";

import type { FormEvent } from "react";
import { updateAgentBotAction } from "@/app/_server/actions/agent-bots";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { useAction } from "@/components/use-action";

type Bot = { id: number; name: string; description: string | null; outgoingUrl: string | null };

/** A bot's name, description and outgoing URL, edited in place (the server checks the URL as on create). */
export function AgentBotEditForm({ accountId, bot, onDone }: { accountId: number; bot: Bot; onDone: () => void }) {
  const update = useAction(updateAgentBotAction);
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    const text = (name: string) => String(data.get(name) ?? "");
    update.run({ accountId, botId: bot.id, name: text("name"), description: text("description"), outgoingUrl: text("outgoingUrl") }, onDone);
  };
  const field = (name: string) => `bot-${bot.id}-${name}`;
  return (
    <form onSubmit={onSubmit} className="space-y-3 rounded-md border border-slate-200 p-4" aria-label={`Edit ${bot.name}`}>
      <Field id={field("name")} label="Bot name">
        <Input id={field("name")} name="name" defaultValue={bot.name} required />
      </Field>
      <Field id={field("description")} label="Description (optional)">
        <Input id={field("description")} name="description" defaultValue={bot.description ?? ""} />
      </Field>
      <Field id={field("url")} label="Outgoing URL">
        <Input id={field("url")} name="outgoingUrl" type="url" defaultValue={bot.outgoingUrl ?? ""} placeholder="https://bot.example.com/events" />
      </Field>
      {update.error ? <Alert>{update.error}</Alert> : null}
      <div className="flex gap-2">
        <Button type="submit" size="sm" disabled={update.pending}>
          {update.pending ? "Saving…" : "Save bot"}
        </Button>
        <Button type="button" variant="secondary" size="sm" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
