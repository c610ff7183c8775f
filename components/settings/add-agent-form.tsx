"use client";

import { useState, type FormEvent } from "react";
import { createAgentAction } from "@/app/_server/actions/settings";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import { useAction } from "@/components/use-action";

type Created = { name: string; email: string; generatedPassword: string | null };

/** Adds an agent; a brand-new user's generated password is shown here once. */
export function AddAgentForm({ accountId }: { accountId: number }) {
  const { run, pending, error } = useAction(createAgentAction);
  const [created, setCreated] = useState<Created | null>(null);
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const data = new FormData(form);
    setCreated(null);
    run(
      {
        accountId,
        name: String(data.get("name") ?? ""),
        email: String(data.get("email") ?? ""),
        role: data.get("role") === "administrator" ? "administrator" : "agent",
      },
      (result) => {
        setCreated(result);
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
          </Select>
        </Field>
      </div>
      {error ? <Alert>{error}</Alert> : null}
      {created ? (
        <Alert tone="success">
          {created.name} ({created.email}) was added.
          {created.generatedPassword ? (
            <>
              {" "}
              Their password is <code className="rounded bg-white px-1.5 py-0.5 font-mono text-emerald-900 ring-1 ring-emerald-200">{created.generatedPassword}</code>{" "}
              — share it with them now; it will not be shown again.
            </>
          ) : (
            " They already had a Postdesk account and sign in with their existing password."
          )}
        </Alert>
      ) : null}
      <Button type="submit" disabled={pending}>
        {pending ? "Adding…" : "Add agent"}
      </Button>
    </form>
  );
}
