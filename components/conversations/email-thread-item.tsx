import { Suspense } from "react";
// eslint-disable-next-line no-restricted-imports -- temporary: the conversation screen's one loader (issue 8, item 30) replaces this per-message query
import { getDb } from "@/db/client";
import { appUrl } from "@/lib/env";
import { listMessageAttachments } from "@/lib/messages/get-attachment";
import type { MessageDetails } from "@/lib/messages/types";
import { EmailMessageView } from "./email-message";

/** The origin the agent's browser uses, so inline-image URLs in the frame carry their session. */
async function requestOrigin(): Promise<string> {
  const { headers } = await import("next/headers");
  const h = await headers();
  const host = h.get("x-forwarded-host") ?? h.get("host");
  if (!host) return appUrl();
  const proto = h.get("x-forwarded-proto")?.split(",")[0]?.trim() ?? (appUrl().startsWith("https:") ? "https" : "http");
  return `${proto}://${host}`;
}

/** Loads one email message's attachments (as the signed-in agent) and renders the message. */
async function EmailWithAttachments({ m }: { m: MessageDetails }) {
  // Loaded on first use: the session helpers are server-only, and the thread is also rendered
  // statically (tests), where this component only ever suspends.
  const { loadAccountContext } = await import("@/app/_server/account-context");
  const ctx = await loadAccountContext(String(m.accountId));
  const [byMessage, baseUrl] = await Promise.all([listMessageAttachments(getDb(), ctx.actor, m.accountId, [m.id]), requestOrigin()]);
  return <EmailMessageView m={m} attachments={byMessage.get(m.id) ?? []} baseUrl={baseUrl} />;
}

/**
 * An incoming email in the thread: shown at once without its attachment list (also where server
 * components cannot load data, e.g. static rendering in tests), then with it once loaded.
 */
export function EmailMessage({ m }: { m: MessageDetails }) {
  return (
    <Suspense fallback={<EmailMessageView m={m} attachments={null} />}>
      <EmailWithAttachments m={m} />
    </Suspense>
  );
}
