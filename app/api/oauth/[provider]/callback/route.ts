import { NextResponse, type NextRequest } from "next/server";
import { currentSession } from "@/app/_server/current-actor";
import { getDb } from "@/db/client";
import { appUrl } from "@/lib/env";
import { isAppError } from "@/lib/errors";
import { completeOAuthSignIn } from "@/lib/inboxes/create-oauth-inbox";
import { oauthCallbackReturnPath } from "@/lib/inboxes/oauth-callback-return";
import { createLogger } from "@/lib/logger";

const log = createLogger("oauth-callback");

/**
 * GET /api/oauth/{google|microsoft}/callback — where the provider's consent screen sends the
 * browser back. completeOAuthSignIn does the work (state, role, access check, inbox); this only
 * resolves the signed-in user and turns the outcome into a redirect.
 */
export async function GET(request: NextRequest, { params }: { params: Promise<{ provider: string }> }) {
  const { provider } = await params;
  if (provider !== "google" && provider !== "microsoft") return new NextResponse("Not found", { status: 404 });
  const callbackParams = request.nextUrl.searchParams;
  const signedIn = await currentSession();
  if (!signedIn) {
    // Signed out meanwhile (another tab, an expired session): sign in, then come back here to finish.
    const back = `${request.nextUrl.pathname}${request.nextUrl.search}`;
    return NextResponse.redirect(new URL(`/sign-in?callbackUrl=${encodeURIComponent(back)}`, appUrl()), 303);
  }
  try {
    const done = await completeOAuthSignIn(getDb(), signedIn.actor, { provider, callbackParams });
    const to = `/app/accounts/${done.accountId}/settings/inboxes/${done.inboxId}?oauth=${done.reconnected ? "reconnected" : "connected"}`;
    return NextResponse.redirect(new URL(to, appUrl()), 303);
  } catch (error) {
    const message = isAppError(error) ? error.message : "The mailbox could not be connected because of an unexpected error. Try again; if it persists, check the server log.";
    // The message only: never the callback query (it holds the code).
    if (!isAppError(error)) log.error("OAuth2 callback failed", { provider, error: error instanceof Error ? error.message : String(error) });
    return NextResponse.redirect(new URL(oauthCallbackReturnPath(provider, callbackParams.get("state"), message), appUrl()), 303);
  }
}
