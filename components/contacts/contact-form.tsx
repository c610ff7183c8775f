"use client";

import { useState, type FormEvent } from "react";
import { updateContactAction } from "@/app/_server/actions/contacts";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { useAction } from "@/components/use-action";

export function ContactForm({
  accountId,
  contact,
}: {
  accountId: number;
  contact: { id: number; name: string; email: string | null; phoneNumber: string | null };
}) {
  const { run, pending, error, fieldErrors } = useAction(updateContactAction);
  const [saved, setSaved] = useState(false);
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setSaved(false);
    run(
      {
        accountId,
        contactId: contact.id,
        name: String(form.get("name") ?? ""),
        email: String(form.get("email") ?? ""),
        phoneNumber: String(form.get("phoneNumber") ?? ""),
      },
      () => setSaved(true),
    );
  };
  return (
    <form onSubmit={onSubmit} className="space-y-4 p-5">
      <Field id="contact-name" label="Name" error={fieldErrors.name}>
        <Input id="contact-name" name="name" defaultValue={contact.name} />
      </Field>
      <Field id="contact-email" label="Email address" error={fieldErrors.email}>
        <Input id="contact-email" name="email" type="email" defaultValue={contact.email ?? ""} />
      </Field>
      <Field id="contact-phone" label="Phone number" error={fieldErrors.phoneNumber}>
        <Input id="contact-phone" name="phoneNumber" type="tel" defaultValue={contact.phoneNumber ?? ""} />
      </Field>
      {error ? <Alert>{error}</Alert> : null}
      {saved ? <Alert tone="success">Contact saved.</Alert> : null}
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : "Save contact"}
      </Button>
    </form>
  );
}
