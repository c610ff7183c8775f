"use client";

import { useRouter } from "next/navigation";
import type { FormEvent } from "react";
import { createInboxAction } from "@/app/_server/actions/settings";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { useAction } from "@/components/use-action";

/** Creates an API inbox and opens its settings to add members. */
export function CreateInboxForm({ accountId }: { accountId: number }) {
  const router = useRouter();
  const { run, pending, error } = useAction(createInboxAction);
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    run({ accountId, name: String(new FormData(e.currentTarget).get("name") ?? "") }, ({ id }) =>
      router.push(`/app/accounts/${accountId}/settings/inboxes/${id}`),
    );
  };
  return (
    <form onSubmit={onSubmit} className="space-y-4 p-5">
      <Field id="new-inbox-name" label="Inbox name" hint="An API inbox: messages arrive and are sent through the API.">
        <Input id="new-inbox-name" name="name" required placeholder="Support" />
      </Field>
      {error ? <Alert>{error}</Alert> : null}
      <Button type="submit" disabled={pending}>
        {pending ? "Creating…" : "Create inbox"}
      </Button>
    </form>
  );
}
