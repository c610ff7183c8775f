import type { OAuthProviderName } from "@/lib/mailbox/oauth/providers";

/**
 * Where a refused sign-in sends the admin back, with the reason: the wizard (new inbox) or the
 * inbox's settings (reconnect). The state is read WITHOUT trusting it — only to pick the page;
 * that page checks the user's access itself, and nothing else comes from it.
 */
export function oauthCallbackReturnPath(provider: OAuthProviderName, state: string | null, message: string): string {
  const target = readTarget(state);
  const error = `oauth_error=${encodeURIComponent(message)}`;
  if (!target) return `/app?${error}`;
  const base = `/app/accounts/${target.accountId}/settings/inboxes`;
  return target.inboxId ? `${base}/${target.inboxId}?${error}` : `${base}/new?type=${provider}&${error}`;
}

function readTarget(state: string | null): { accountId: number; inboxId?: number } | null {
  try {
    const payload = JSON.parse(Buffer.from((state ?? "").split(".")[0], "base64url").toString("utf8")) as { accountId?: unknown; draft?: { inboxId?: unknown } };
    const accountId = Number(payload.accountId);
    if (!Number.isSafeInteger(accountId) || accountId <= 0) return null;
    const inboxId = Number(payload.draft?.inboxId);
    return { accountId, inboxId: Number.isSafeInteger(inboxId) && inboxId > 0 ? inboxId : undefined };
  } catch {
    return null;
  }
}
