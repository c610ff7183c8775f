"use client";

import { useState, type FormEvent } from "react";
import { inviteAgentAction } from "@/app/_server/actions/invitations";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import { useAction } from "@/components/use-action";

/**
 * Invites an agent by email. The same answer for everyone: whether the address already uses
 * Postdesk is theirs to reveal, by accepting.
 */
export function AddAgentForm({ accountId, customRoles = [] }: { accountId: number; customRoles?: { id: number; name: string }[] }) {
  const { run, pending, error } = useAction(inviteAgentAction);
  const [invited, setInvited] = useState<string | null>(null);
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const data = new FormData(form);
    setInvited(null);
    run(
      {
        accountId,
        name: String(data.get("name") ?? ""),
        email: String(data.get("email") ?? ""),
        role: data.get("role") === "administrator" ? "administrator" : "agent",
        // "role:3" is custom role 3 (the member becomes an agent with its permissions).
        customRoleId: String(data.get("role") ?? "").startsWith("role:") ? Number(String(data.get("role")).slice(5)) : null,
      },
      (result) => {
        setInvited(result.email);
        form.reset();
      },
    );
  };
  return (
    <form onSubmit={onSubmit} className="space-y-4 p-5">
      <div className="grid gap-4 sm:grid-cols-3">
        <Field id="new-agent-name" label="Name">
          <Input id="new-agent-name" name="name" required autoComplete="off" />
        </Field>
        <Field id="new-agent-email" label="Email">
          <Input id="new-agent-email" name="email" type="email" required autoComplete="off" />
        </Field>
        <Field id="new-agent-role" label="Role">
          <Select id="new-agent-role" name="role" defaultValue="agent">
            <option value="agent">Agent</option>
            <option value="administrator">Administrator</option>
            {customRoles.map((r) => (
              <option key={r.id} value={`role:${r.id}`}>
                {r.name}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      {error ? <Alert>{error}</Alert> : null}
      {invited ? (
        <Alert tone="success">
          Invitation sent to {invited}. They join when they accept it from the email (the link works for 7 days).
        </Alert>
      ) : null}
      <Button type="submit" disabled={pending}>
        {pending ? "Inviting…" : "Invite agent"}
      </Button>
    </form>
  );
}
