"use client";

import { useState, type FormEvent } from "react";
import { setInboxAgentBotAction } from "@/app/_server/actions/agent-bots";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Select } from "@/components/ui/field";
import { useLiveEvents } from "@/components/realtime/live-refresh";
import { useAction } from "@/components/use-action";
import type { InboxAgentBotChangedPayload } from "@/lib/realtime/payloads";

type Bot = { id: number; name: string };

/**
 * Inbox settings: which agent bot (or none) answers this inbox. Administrators change it; a change
 * made elsewhere (another tab, the API) shows here live (inbox.agent_bot_changed).
 */
export function InboxBotPicker({ accountId, inboxId, bots, currentBotId: initialBotId, canEdit }: { accountId: number; inboxId: number; bots: Bot[]; currentBotId: number | null; canEdit: boolean }) {
  const { run, pending, error } = useAction(setInboxAgentBotAction);
  const [saved, setSaved] = useState(false);
  const [currentBotId, setCurrentBotId] = useState(initialBotId);
  const [seenProp, setSeenProp] = useState(initialBotId);
  if (seenProp !== initialBotId) {
    // A server render brought a newer value (after saving here): follow it.
    setSeenProp(initialBotId);
    setCurrentBotId(initialBotId);
  }
  useLiveEvents((name, data) => {
    if (name !== "inbox.agent_bot_changed") return;
    const change = data as InboxAgentBotChangedPayload;
    if (change.inboxId === inboxId) setCurrentBotId(change.agentBotId);
  });
  const current = bots.find((b) => b.id === currentBotId);
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setSaved(false);
    const value = String(new FormData(e.currentTarget).get("botId") ?? "");
    run({ accountId, inboxId, botId: value ? Number(value) : null }, () => setSaved(true));
  };
  return (
    <form onSubmit={onSubmit} className="space-y-4 p-5">
      <p className="text-sm text-slate-600" data-testid="inbox-bot-current">
        {current ? (
          <>
            Answered by <strong className="font-medium text-slate-800">{current.name}</strong>.
          </>
        ) : (
          "No bot answers this inbox."
        )}
      </p>
      {canEdit ? (
        <>
          {/* key: the choice follows the saved bot (after a refresh, or live from another tab). */}
          <Field id="inbox-bot" label="Bot">
            <Select key={currentBotId ?? "none"} id="inbox-bot" name="botId" defaultValue={currentBotId ?? ""}>
              <option value="">None</option>
              {bots.map((bot) => (
                <option key={bot.id} value={bot.id}>
                  {bot.name}
                </option>
              ))}
            </Select>
          </Field>
          {error ? <Alert>{error}</Alert> : null}
          {saved ? <Alert tone="success">Bot saved.</Alert> : null}
          <Button type="submit" disabled={pending}>
            {pending ? "Saving…" : "Save bot choice"}
          </Button>
        </>
      ) : null}
    </form>
  );
}
