import type { OAuthInboxSummary } from "@/lib/inboxes/oauth-inbox-summary";
import { OAuthEmailApiForm } from "./oauth-email-api-form";
import { OAuthReconnectButton } from "./oauth-inbox-form";

const TRANSPORT_WORDS: Record<OAuthInboxSummary["transport"], string> = {
  imap_smtp: "IMAP + SMTP with OAuth2 (XOAUTH2)",
  imap_api: "IMAP with OAuth2 + email API for sending",
  graph: "Microsoft Graph",
};

/** An OAuth2 inbox's sign-in: provider, transport, who signed in, and Reconnect for administrators. */
export function OAuthInboxSignIn({ accountId, inboxId, summary, isAdmin }: { accountId: number; inboxId: number; summary: OAuthInboxSummary; isAdmin: boolean }) {
  return (
    <div className="space-y-3 px-5 py-4 text-sm">
      <dl className="space-y-1">
        <div className="flex gap-2">
          <dt className="w-40 shrink-0 text-slate-500">Provider</dt>
          <dd className="text-slate-800">{summary.provider === "google" ? "Google" : "Microsoft 365"}</dd>
        </div>
        <div className="flex gap-2">
          <dt className="w-40 shrink-0 text-slate-500">Transport</dt>
          <dd className="text-slate-800">{TRANSPORT_WORDS[summary.transport]}</dd>
        </div>
        {summary.transport === "graph" ? (
          <>
            <div className="flex gap-2">
              <dt className="w-40 shrink-0 text-slate-500">Receiving</dt>
              <dd className="text-slate-800">Graph change notifications, with a delta catch-up for any that are lost</dd>
            </div>
            <div className="flex gap-2">
              <dt className="w-40 shrink-0 text-slate-500">Sending</dt>
              <dd className="text-slate-800">Graph sendMail, as {summary.mailboxAddress}</dd>
            </div>
          </>
        ) : null}
        {summary.transport === "imap_api" ? (
          <div className="flex gap-2">
            <dt className="w-40 shrink-0 text-slate-500">Sending</dt>
            <dd className="text-slate-800">
              {summary.emailApi
                ? `Mailgun, domain ${summary.emailApi.domain} (${summary.emailApi.region === "custom" ? summary.emailApi.baseUrl : `${summary.emailApi.region.toUpperCase()} region`})`
                : "Not set up: enter the Mailgun settings below"}
            </dd>
          </div>
        ) : null}
        <div className="flex gap-2">
          <dt className="w-40 shrink-0 text-slate-500">Mailbox</dt>
          <dd className="text-slate-800">{summary.mailboxAddress}</dd>
        </div>
        {summary.delegateEmail ? (
          <div className="flex gap-2">
            <dt className="w-40 shrink-0 text-slate-500">Authorized by</dt>
            {/* From the provider's ID token: for a shared mailbox, the delegate whose Full Access it uses. */}
            <dd className="text-slate-800">{summary.delegateEmail}</dd>
          </div>
        ) : null}
        {summary.lastError ? (
          <div className="flex gap-2">
            <dt className="w-40 shrink-0 text-slate-500">Last sign-in error</dt>
            <dd className="text-red-700">{summary.lastError}</dd>
          </div>
        ) : null}
      </dl>
      {isAdmin && summary.transport === "imap_api" ? <OAuthEmailApiForm accountId={accountId} inboxId={inboxId} current={summary.emailApi} /> : null}
      {isAdmin ? <OAuthReconnectButton accountId={accountId} inboxId={inboxId} provider={summary.provider} /> : null}
    </div>
  );
}
