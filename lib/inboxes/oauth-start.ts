import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { channelEmail, inboxes } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { requireAccountAccess } from "@/lib/accounts/access";
import { requirePermission } from "@/lib/accounts/permissions";
import { parseInput } from "@/lib/api/validation";
import { encryptSecret } from "@/lib/crypto/secrets";
import { AppError, notFound } from "@/lib/errors";
import { verifyEmailApiAccess } from "@/lib/mailbox/email-api/send-email-api";
import { emailApiSettingsInput, storedEmailApiSchema } from "@/lib/mailbox/email-api/settings";
import { createAuthorizationRequest } from "@/lib/mailbox/oauth/authorize";
import { findOAuthCredential } from "@/lib/mailbox/oauth/credentials-store";
import type { OAuthProviderName } from "@/lib/mailbox/oauth/providers";
import { assertAddressFree } from "./address-claims";
import { isTransportAvailable, missingOAuthVariables, providerLabel } from "./oauth-inbox-settings";

export const startOAuthInboxInput = z.object({
  provider: z.enum(["google", "microsoft"]),
  transport: z.enum(["imap_smtp", "imap_api", "graph"]).default("imap_smtp"),
  /** New inbox: the mailbox address (own or shared) and the inbox name. */
  email: z.string().trim().toLowerCase().pipe(z.email("Enter the mailbox's email address")).optional(),
  name: z.string().trim().max(255).optional(),
  /** Reconnect: the inbox whose sign-in is replaced. */
  inboxId: z.number().int().positive().optional(),
  /** New inbox on the imap_api transport: the email API that sends its mail. */
  emailApi: emailApiSettingsInput.optional(),
});
export type StartOAuthInboxInput = z.input<typeof startOAuthInboxInput>;

/**
 * The inbox draft carried in the signed state to the callback. The email API's key travels
 * encrypted (the state is signed, not secret: it passes through the browser and the provider).
 */
export const oauthDraftSchema = z.union([
  z.object({ inboxId: z.number().int().positive() }),
  z.object({ email: z.string(), name: z.string(), emailApi: storedEmailApiSchema.optional() }),
]);
export type OAuthDraft = z.infer<typeof oauthDraftSchema>;

/**
 * "Authorize" in the Google / Microsoft 365 wizard and "Reconnect" on an OAuth2 inbox
 * (administrators): checks what can be checked before the consent screen and returns its URL.
 */
export async function startOAuthInbox(db: DbOrTx, actor: Actor, accountId: number, params: StartOAuthInboxInput): Promise<{ url: string }> {
  const access = await requireAccountAccess(db, actor, accountId);
  requirePermission(access, "inbox_manage");
  const input = parseInput(startOAuthInboxInput, params);
  const missing = missingOAuthVariables(input.provider);
  if (missing.length > 0) throw new AppError("invalid", `${providerLabel(input.provider)} mailboxes are not set up on this server: set ${missing.join(" and ")} in the server's environment (see docs/email-oauth.md).`);
  let draft: OAuthDraft;
  let loginHint: string | undefined;
  let transport = input.transport;
  if (input.inboxId !== undefined) {
    const channel = await oauthChannelOf(db, accountId, input.inboxId, input.provider);
    draft = { inboxId: input.inboxId };
    loginHint = channel.email;
    // A reconnect keeps the inbox's transport (and so asks for the same scopes).
    transport = (await findOAuthCredential(db, accountId, input.inboxId))?.transport ?? transport;
  } else {
    if (!input.email) throw new AppError("invalid", "Enter the mailbox's email address");
    // Said now, before the consent screen, rather than after it.
    await assertAddressFree(db, accountId, input.email);
    draft = { email: input.email, name: input.name || input.email };
    if (transport === "imap_api") {
      const api = input.emailApi;
      if (!api?.apiKey) throw new AppError("invalid", "Enter the sending domain and the API key of the email API that sends this inbox's mail.");
      // Said now, before the consent screen; the callback checks again before creating the inbox.
      await verifyEmailApiAccess({ provider: api.provider, domain: api.domain, baseUrl: api.baseUrl, apiKey: api.apiKey });
      draft = { ...draft, emailApi: { provider: api.provider, domain: api.domain, baseUrl: api.baseUrl, apiKeyEnc: encryptSecret(api.apiKey) } };
    }
  }
  if (input.provider === "google" && transport !== "imap_smtp") throw new AppError("invalid", "Google mailboxes connect through IMAP and SMTP.");
  if (!isTransportAvailable(transport)) throw new AppError("invalid", `The ${transport} transport is not available yet: choose IMAP + SMTP.`);
  if (access.userId === null) throw new AppError("forbidden", "Only a signed-in administrator can authorize a mailbox");
  const { url } = await createAuthorizationRequest({ accountId, userId: access.userId, provider: input.provider, transport, draft, loginHint });
  return { url };
}

/** The email channel of an OAuth2 inbox of this account and provider (reconnect). */
export async function oauthChannelOf(db: DbOrTx, accountId: number, inboxId: number, provider: OAuthProviderName) {
  const [row] = await db
    .select({ channel: channelEmail })
    .from(inboxes)
    .innerJoin(channelEmail, and(eq(channelEmail.accountId, inboxes.accountId), eq(channelEmail.id, inboxes.channelId)))
    .where(and(eq(inboxes.accountId, accountId), eq(inboxes.id, inboxId), eq(inboxes.channelType, "email")));
  if (!row) throw notFound("Inbox");
  if (row.channel.provider !== provider) throw new AppError("invalid", `This inbox is not connected through ${providerLabel(provider)}.`);
  return row.channel;
}
