import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { channelEmail, inboxes } from "@/db/schema";
import { inTransaction } from "@/db/transaction";
import { graphSubscriptionRequested } from "@/lib/jobs/events";
import { sendEvent } from "@/lib/jobs/send";
import type { Actor } from "@/lib/auth/actor";
import { requireAccountAccess } from "@/lib/accounts/access";
import { requirePermission } from "@/lib/accounts/permissions";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { exchangeCode } from "@/lib/mailbox/oauth/authorize";
import { saveOAuthCredential } from "@/lib/mailbox/oauth/credentials-store";
import type { OAuthProviderName } from "@/lib/mailbox/oauth/providers";
import { verifyGraphMailboxAccess } from "@/lib/mailbox/graph/verify-graph-access";
import { configOf, verifyEmailApiAccess } from "@/lib/mailbox/email-api/send-email-api";
import { verifyMailboxAccess } from "@/lib/mailbox/verify-mailbox-access";
import { assertAddressFree, assertMailboxFree } from "./address-claims";
import { generateForwardingToken } from "./create-email-inbox";
import { isTransportAvailable, providerLabel, providerMailServers } from "./oauth-inbox-settings";
import { oauthChannelOf, oauthDraftSchema } from "./oauth-start";

export type CompletedOAuthSignIn = { accountId: number; inboxId: number; reconnected: boolean };

/**
 * The OAuth2 callback (GET /api/oauth/<provider>/callback): verifies the state and exchanges the
 * code, checks that the signed-in user started the sign-in and administers the account, VERIFIES
 * that the token opens the mailbox (IMAP, or Graph for the graph transport) and, for imap_api, that
 * the email API accepts its key, and only then creates the inbox with its credential
 * in one transaction — or, for a reconnect, replaces the credential and lifts "reconnect needed",
 * keeping the inbox and its conversations. Any refusal leaves nothing behind.
 */
export async function completeOAuthSignIn(db: Db, actor: Actor, params: { provider: OAuthProviderName; callbackParams: URLSearchParams }): Promise<CompletedOAuthSignIn> {
  const { state, tokens } = await exchangeCode(params);
  if (actor.kind !== "user" || actor.userId !== state.userId) {
    throw new AppError("forbidden", "This sign-in was started by another user: start it again from the inbox settings while signed in as yourself.");
  }
  const access = await requireAccountAccess(db, actor, state.accountId);
  requirePermission(access, "inbox_manage");
  if (!isTransportAvailable(state.transport)) throw new AppError("invalid", `The ${state.transport} transport is not available yet: choose IMAP + SMTP.`);
  const draft = oauthDraftSchema.safeParse(state.draft);
  if (!draft.success) throw new AppError("invalid", "The sign-in request carries no mailbox. Start again from the inbox settings.");
  const accountId = state.accountId;
  const existing = "inboxId" in draft.data ? await oauthChannelOf(db, accountId, draft.data.inboxId, params.provider) : null;
  const mailbox = existing ? existing.email : "email" in draft.data ? draft.data.email : "";
  const servers = providerMailServers(params.provider);

  // Before anything is written: an inbox that cannot read its mailbox must not exist.
  const graph = state.transport === "graph";
  if (graph) await verifyGraphMailboxAccess({ mailbox, accessToken: tokens.accessToken, signedInAs: tokens.signedInEmail });
  else await verifyMailboxAccess({ ...servers.imap, mailbox, accessToken: tokens.accessToken, signedInAs: tokens.signedInEmail, providerLabel: providerLabel(params.provider) });
  // imap_api: the email API must accept the key and know the domain too (checked without sending).
  const emailApi = !existing && "email" in draft.data ? (draft.data.emailApi ?? null) : null;
  if (state.transport === "imap_api" && !existing) {
    if (!emailApi) throw new AppError("invalid", "The sign-in request carries no email API settings. Start again from the inbox settings.");
    await verifyEmailApiAccess(configOf(emailApi));
  }

  const credential = {
    accountId,
    provider: params.provider,
    transport: state.transport,
    mailboxAddress: mailbox,
    // Known when the provider sent an ID token (Google); Microsoft's IMAP/SMTP sign-in does not name the account.
    delegateEmail: tokens.signedInEmail,
    // The directory the sign-in was made against, so every renewal asks the same authority.
    tenant: params.provider === "microsoft" ? env().MICROSOFT_TENANT : null,
    tokens,
  };
  if (existing && "inboxId" in draft.data) {
    const inboxId = draft.data.inboxId;
    await inTransaction(db, async (tx, afterCommit) => {
      await saveOAuthCredential(tx, { ...credential, inboxId });
      // Renews (or recreates) the Graph subscription now and catches up on mail missed meanwhile.
      if (graph) afterCommit(() => sendEvent(graphSubscriptionRequested.create({ accountId, inboxId })));
      await tx.update(channelEmail).set({ imapPasswordEnc: null, smtpPasswordEnc: null, updatedAt: new Date() }).where(and(eq(channelEmail.accountId, accountId), eq(channelEmail.id, existing.id)));
    });
    return { accountId, inboxId, reconnected: true };
  }
  const name = "name" in draft.data ? draft.data.name : mailbox;
  const inboxId = await inTransaction(db, async (tx, afterCommit) => {
    await assertAddressFree(tx, accountId, mailbox);
    await assertMailboxFree(tx, accountId, { email: mailbox, imapEnabled: !graph, imapAddress: servers.imap.host, imapLogin: mailbox, imapFolder: "INBOX" });
    const [channel] = await tx
      .insert(channelEmail)
      .values({
        accountId,
        email: mailbox,
        provider: params.provider,
        forwardingToken: generateForwardingToken(),
        // Graph inboxes receive by change notifications (subscribed right after the commit) and send with sendMail.
        imapEnabled: !graph,
        imapAddress: servers.imap.host,
        imapPort: servers.imap.port,
        imapEnableSsl: servers.imap.secure,
        imapLogin: mailbox,
        // Provider mailboxes have no "Processed" folder by default: mark read, leave in place.
        imapAfterImport: "mark_seen",
        smtpEnabled: state.transport === "imap_smtp",
        smtpAddress: servers.smtp.host,
        smtpPort: servers.smtp.port,
        smtpEnableSslTls: servers.smtp.secure,
        smtpEnableStarttlsAuto: true,
        smtpLogin: mailbox,
        ...(emailApi
          ? { emailApiProvider: emailApi.provider, emailApiDomain: emailApi.domain, emailApiBaseUrl: emailApi.baseUrl, emailApiKeyEnc: emailApi.apiKeyEnc }
          : {}),
        nextPollAt: graph ? null : new Date(),
      })
      .returning({ id: channelEmail.id });
    const [row] = await tx.insert(inboxes).values({ accountId, name, channelType: "email", channelId: channel.id }).returning({ id: inboxes.id });
    await saveOAuthCredential(tx, { ...credential, inboxId: row.id });
    // Subscribed at once, not at the next renewal cron, so the first mail arrives by notification.
    if (graph) afterCommit(() => sendEvent(graphSubscriptionRequested.create({ accountId, inboxId: row.id })));
    return row.id;
  });
  return { accountId, inboxId, reconnected: false };
}
