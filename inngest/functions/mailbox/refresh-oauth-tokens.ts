import { getDb } from "@/db/client";
import { refreshDueTokens } from "@/lib/mailbox/oauth/access-token";
import { inngest } from "@/inngest/client";

/**
 * Every five minutes: renews the OAuth2 access tokens that expire within ten minutes, so polls
 * and sends rarely wait for a renewal. getAccessToken still renews on demand; both take the same
 * per-inbox lock, so they never race. Refused sign-ins mark their inbox "reconnect needed".
 */
export const refreshOAuthTokens = inngest.createFunction(
  { id: "refresh-oauth-tokens", triggers: [{ cron: "*/5 * * * *" }], concurrency: { limit: 1 }, retries: 1 },
  async ({ step }) => step.run("refresh-due-tokens", () => refreshDueTokens(getDb())),
);
