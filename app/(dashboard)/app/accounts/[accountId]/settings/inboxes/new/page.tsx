import { ArrowLeft, Code2, Mail } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { clsx } from "clsx";
import { loadAccountContext } from "@/app/_server/account-context";
import { AdminOnlyNotice } from "@/components/settings/admin-only-notice";
import { CreateInboxForm } from "@/components/settings/create-inbox-form";
import { EmailInboxForm } from "@/components/settings/email-inbox-form";
import { OAuthInboxForm } from "@/components/settings/oauth-inbox-form";
import { Alert } from "@/components/ui/alert";
import { AVAILABLE_TRANSPORTS, missingOAuthVariables } from "@/lib/inboxes/oauth-inbox-settings";
import { Card, CardHeader } from "@/components/ui/card";

export const metadata: Metadata = { title: "Add inbox" };

const CHOICES = [
  { type: "email", title: "Email (IMAP/SMTP)", description: "A mailbox: mail is fetched over IMAP (or forwarded) and replies go out over SMTP.", icon: Mail },
  { type: "google", title: "Google", description: "Gmail or Google Workspace, signed in with OAuth2 (no password).", icon: Mail },
  { type: "microsoft", title: "Microsoft 365", description: "Your own or a shared mailbox, signed in with OAuth2 (no password).", icon: Mail },
  { type: "api", title: "API", description: "Messages arrive and are sent through the API, for your own integrations.", icon: Code2 },
] as const;

export default async function AddInboxPage({ params, searchParams }: { params: Promise<{ accountId: string }>; searchParams: Promise<{ type?: string; oauth_error?: string }> }) {
  const ctx = await loadAccountContext((await params).accountId);
  const { type, oauth_error: oauthError } = await searchParams;
  const base = `/app/accounts/${ctx.accountId}/settings/inboxes`;
  return (
    <>
      <div>
        <Link href={base} className="inline-flex items-center gap-1 text-xs font-medium text-slate-500 hover:text-slate-800">
          <ArrowLeft className="size-3.5" aria-hidden="true" /> Inboxes
        </Link>
        <h1 className="mt-1 text-lg font-semibold text-slate-900">Add inbox</h1>
      </div>
      {!ctx.can("inbox_manage") ? (
        <AdminOnlyNotice />
      ) : (
        <>
          <nav aria-label="Inbox type" className="grid gap-3 sm:grid-cols-2">
            {CHOICES.map((c) => (
              <Link
                key={c.type}
                href={`${base}/new?type=${c.type}`}
                aria-current={type === c.type ? "page" : undefined}
                className={clsx(
                  "flex gap-3 rounded-lg border bg-white p-4 hover:border-brand-500",
                  type === c.type ? "border-brand-500 ring-2 ring-brand-100" : "border-slate-200",
                )}
              >
                <c.icon className="mt-0.5 size-5 text-slate-500" aria-hidden="true" />
                <span>
                  <span className="block text-sm font-semibold text-slate-900">{c.title}</span>
                  <span className="block text-xs text-slate-500">{c.description}</span>
                </span>
              </Link>
            ))}
          </nav>
          {type === "email" ? (
            <Card>
              <CardHeader
                title="Email inbox"
                description="Fill in the mailbox's servers, check them with Test connection, then create the inbox. Each inbox also gets a forwarding address."
              />
              <EmailInboxForm accountId={ctx.accountId} />
            </Card>
          ) : null}
          {type === "google" || type === "microsoft" ? (
            <Card>
              <CardHeader
                title={type === "google" ? "Google mailbox" : "Microsoft 365 mailbox"}
                description="Authorize opens the provider's sign-in. After consent, access to the mailbox is checked before the inbox is created."
              />
              {oauthError ? <Alert className="mx-5 mt-4">{oauthError}</Alert> : null}
              <OAuthInboxForm accountId={ctx.accountId} provider={type} missingVariables={missingOAuthVariables(type)} availableTransports={[...AVAILABLE_TRANSPORTS]} />
            </Card>
          ) : null}
          {type === "api" ? (
            <Card>
              <CardHeader title="API inbox" />
              <CreateInboxForm accountId={ctx.accountId} />
            </Card>
          ) : null}
        </>
      )}
    </>
  );
}
