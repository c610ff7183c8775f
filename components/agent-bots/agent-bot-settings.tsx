"use client";

import { useState, type FormEvent } from "react";
import { createAgentBotAction, deleteAgentBotAction, resetAgentBotTokenAction, setInboxAgentBotAction } from "@/app/_server/actions/agent-bots";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import { useAction } from "@/components/use-action";
import { AgentBotEditForm } from "./agent-bot-edit";

/** A bot's access token, right after it was made: Postdesk keeps only its hash. */
function TokenOnce({ token }: { token: string }) {
  return (
    <Alert tone="info">
      Access token (shown once; copy it now): <code aria-label="Access token" className="break-all font-mono text-xs">{token}</code>
    </Alert>
  );
}

export function AgentBotForm({ accountId }: { accountId: number }) {
  const create = useAction(createAgentBotAction);
  const [token, setToken] = useState<string | null>(null);
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const data = new FormData(form);
    const text = (name: string) => String(data.get(name) ?? "");
    setToken(null);
    create.run({ accountId, name: text("name"), description: text("description"), outgoingUrl: text("outgoingUrl"), avatarUrl: text("avatarUrl") }, (bot) => {
      form.reset();
      setToken(bot.accessToken);
    });
  };
  return (
    <form onSubmit={onSubmit} className="space-y-4 p-5" aria-label="Add a bot">
      <Field id="new-bot-name" label="Bot name">
        <Input id="new-bot-name" name="name" required />
      </Field>
      <Field id="new-bot-description" label="Description (optional)">
        <Input id="new-bot-description" name="description" />
      </Field>
      <Field id="new-bot-url" label="Outgoing URL" hint="Postdesk POSTs the bot's events here, signed (see docs/integrations.md).">
        <Input id="new-bot-url" name="outgoingUrl" type="url" placeholder="https://bot.example.com/events" />
      </Field>
      <Field id="new-bot-avatar" label="Avatar URL (optional)">
        <Input id="new-bot-avatar" name="avatarUrl" type="url" />
      </Field>
      {create.error ? <Alert>{create.error}</Alert> : null}
      {token ? <TokenOnce token={token} /> : null}
      <Button type="submit" disabled={create.pending}>
        {create.pending ? "Adding…" : "Add bot"}
      </Button>
    </form>
  );
}

type Inbox = { id: number; name: string; botId: number | null };

/** One bot: edit it, its inboxes (connect, disconnect), a new access token, delete. */
export function AgentBotRow({ accountId, bot, inboxes }: { accountId: number; bot: { id: number; name: string; description: string | null; outgoingUrl: string | null }; inboxes: Inbox[] }) {
  const reset = useAction(resetAgentBotTokenAction);
  const remove = useAction(deleteAgentBotAction);
  const connect = useAction(setInboxAgentBotAction);
  const [token, setToken] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const connected = inboxes.filter((i) => i.botId === bot.id);
  const others = inboxes.filter((i) => i.botId !== bot.id);
  const error = reset.error ?? remove.error ?? connect.error;
  return (
    <div className="space-y-3 px-5 py-4" aria-label={bot.name} role="group">
      <div className="flex items-center gap-3">
        <div className="min-w-0 flex-1">
          <p className="font-medium text-slate-800">{bot.name}</p>
          <p className="truncate text-xs text-slate-500">{[bot.description, bot.outgoingUrl].filter(Boolean).join(" · ")}</p>
        </div>
        <Button variant="secondary" size="sm" aria-expanded={editing} onClick={() => setEditing((v) => !v)}>
          Edit
        </Button>
        <Button
          variant="secondary"
          size="sm"
          disabled={reset.pending}
          onClick={() => {
            if (window.confirm(`Make a new access token for ${bot.name}? The current one stops working at once.`)) reset.run({ accountId, botId: bot.id }, (r) => setToken(r.accessToken));
          }}
        >
          Reset token
        </Button>
        <Button
          variant="secondary"
          size="sm"
          disabled={remove.pending}
          onClick={() => {
            if (window.confirm(`Delete the bot ${bot.name}?`)) remove.run({ accountId, botId: bot.id });
          }}
        >
          Delete
        </Button>
      </div>
      {editing ? <AgentBotEditForm accountId={accountId} bot={bot} onDone={() => setEditing(false)} /> : null}
      {token ? <TokenOnce token={token} /> : null}
      <ul className="flex flex-wrap gap-2 text-sm" aria-label={`Inboxes answered by ${bot.name}`}>
        {connected.map((inbox) => (
          <li key={inbox.id} className="flex items-center gap-1 rounded bg-slate-100 px-2 py-1">
            {inbox.name}
            <Button variant="secondary" size="sm" disabled={connect.pending} onClick={() => connect.run({ accountId, inboxId: inbox.id, botId: null })} aria-label={`Disconnect ${inbox.name}`}>
              Disconnect
            </Button>
          </li>
        ))}
      </ul>
      {others.length > 0 ? (
        <form
          className="flex items-center gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            const inboxId = Number(new FormData(e.currentTarget).get("inboxId"));
            if (inboxId) connect.run({ accountId, inboxId, botId: bot.id });
          }}
        >
          <Select name="inboxId" aria-label={`Inbox for ${bot.name}`} defaultValue="">
            <option value="" disabled>
              Choose an inbox…
            </option>
            {others.map((inbox) => (
              <option key={inbox.id} value={inbox.id}>
                {inbox.name}
                {inbox.botId ? " (replaces its bot)" : ""}
              </option>
            ))}
          </Select>
          <Button type="submit" variant="secondary" size="sm" disabled={connect.pending}>
            Connect
          </Button>
        </form>
      ) : null}
      {error ? <Alert>{error}</Alert> : null}
    </div>
  );
}
