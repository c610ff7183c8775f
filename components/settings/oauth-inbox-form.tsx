"use client";

import { useState, type FormEvent } from "react";
import { startOAuthInboxAction } from "@/app/_server/actions/oauth-inboxes";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { useAction } from "@/components/use-action";
import { EmailApiFields, emptyEmailApiValues, type EmailApiValues } from "./email-api-fields";

type Transport = "imap_smtp" | "imap_api" | "graph";

/** One line of help per Microsoft 365 transport (docs/email.md, Microsoft 365 and Google). */
const TRANSPORTS: { value: Transport; title: string; help: string }[] = [
  {
    value: "imap_smtp",
    title: "IMAP + SMTP (XOAUTH2)",
    help: "No extra licence. Works for shared mailboxes when the account that signs in has Full Access and Send As.",
  },
  {
    value: "imap_api",
    title: "IMAP + email API",
    help: "No extra licence. Receives over IMAP (XOAUTH2), sends through Mailgun from your own domain, keeping replies threaded.",
  },
  { value: "graph", title: "Microsoft Graph", help: "Sends with Graph and receives by change notifications. For a licensed mailbox, signed in as itself (shared mailboxes: IMAP + SMTP)." },
];

/**
 * The Google / Microsoft 365 wizard: mailbox address, inbox name, (Microsoft) the transport, then
 * "Authorize", which opens the provider's consent screen. When the server lacks the client id or
 * secret the form names the variables instead of sending the admin to a provider that will refuse.
 */
export function OAuthInboxForm({
  accountId,
  provider,
  missingVariables,
  availableTransports,
}: {
  accountId: number;
  provider: "google" | "microsoft";
  missingVariables: string[];
  availableTransports: Transport[];
}) {
  const { run, pending, error } = useAction(startOAuthInboxAction);
  const [email, setEmail] = useState("");
  const [name, setName] = useState("");
  const [transport, setTransport] = useState<Transport>("imap_smtp");
  const [emailApi, setEmailApi] = useState<EmailApiValues>(emptyEmailApiValues);
  const [leaving, setLeaving] = useState(false);
  const label = provider === "google" ? "Google" : "Microsoft";

  if (missingVariables.length > 0) {
    return (
      <div className="px-5 py-4">
        <Alert tone="info">
          {provider === "google" ? "Google" : "Microsoft 365"} mailboxes are not set up on this server yet. Set{" "}
          {missingVariables.map((v, i) => (
            <span key={v}>
              {i > 0 ? " and " : ""}
              <code className="font-mono">{v}</code>
            </span>
          ))}{" "}
          in the server&apos;s environment, then restart it. docs/email-oauth.md explains how to register the app.
        </Alert>
      </div>
    );
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const chosen = provider === "google" ? "imap_smtp" : transport;
    const api = chosen === "imap_api" ? { emailApi: { provider: "mailgun" as const, ...emailApi } } : {};
    run({ accountId, provider, transport: chosen, email, name, ...api }, ({ url }) => {
      setLeaving(true);
      window.location.assign(url);
    });
  }

  return (
    <form onSubmit={submit} className="space-y-4 px-5 py-4">
      <Field
        id="oauth-email"
        label="Mailbox address"
        hint={provider === "microsoft" ? "Your own mailbox, or a shared mailbox you have Full Access and Send As on." : "The Gmail or Google Workspace address to connect."}
      >
        <Input id="oauth-email" type="email" required value={email} onChange={(e) => setEmail(e.target.value)} placeholder="support@example.com" />
      </Field>
      <Field id="oauth-name" label="Inbox name" hint="Shown to agents; defaults to the address.">
        <Input id="oauth-name" value={name} onChange={(e) => setName(e.target.value)} placeholder="Support" />
      </Field>
      {provider === "microsoft" ? (
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium text-slate-700">Transport</legend>
          {TRANSPORTS.map((t) => {
            const available = availableTransports.includes(t.value);
            return (
              <label key={t.value} className="flex gap-2 rounded-md border border-slate-200 p-3 text-sm has-[:checked]:border-brand-500">
                <input type="radio" name="transport" value={t.value} checked={transport === t.value} disabled={!available} onChange={() => setTransport(t.value)} />
                <span>
                  <span className="block font-medium text-slate-900">
                    {t.title}
                    {available ? null : <span className="ml-2 text-xs font-normal text-slate-500">(coming soon)</span>}
                  </span>
                  <span className="block text-xs text-slate-500">{t.help}</span>
                </span>
              </label>
            );
          })}
        </fieldset>
      ) : null}
      {provider === "microsoft" && transport === "imap_api" ? <EmailApiFields values={emailApi} onChange={setEmailApi} /> : null}
      {provider === "microsoft" ? null : (
        <Alert tone="info">
          If the app is an External app in Google&apos;s <strong>Testing</strong> mode, Google expires its refresh tokens after 7 days and the mailbox must be
          reconnected every week. Publish the app, or make it Internal for Google Workspace.
        </Alert>
      )}
      {error ? <Alert>{error}</Alert> : null}
      <Button type="submit" disabled={pending || leaving}>
        {pending || leaving ? `Opening ${label}…` : `Authorize with ${label}`}
      </Button>
    </form>
  );
}

/** Reconnect: the same sign-in for an existing inbox; its conversations stay. */
export function OAuthReconnectButton({ accountId, inboxId, provider }: { accountId: number; inboxId: number; provider: "google" | "microsoft" }) {
  const { run, pending, error } = useAction(startOAuthInboxAction);
  const [leaving, setLeaving] = useState(false);
  return (
    <div className="space-y-2">
      <Button
        variant="secondary"
        disabled={pending || leaving}
        onClick={() =>
          run({ accountId, provider, inboxId }, ({ url }) => {
            setLeaving(true);
            window.location.assign(url);
          })
        }
      >
        {pending || leaving ? "Opening the sign-in…" : "Reconnect"}
      </Button>
      {error ? <Alert>{error}</Alert> : null}
    </div>
  );
}
