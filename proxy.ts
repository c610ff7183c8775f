import NextAuth from "next-auth";
import { NextResponse, type NextFetchEvent, type NextRequest } from "next/server";
import { corsHeaders, isCorsPath } from "@/lib/http/cors";
import { HELP_CENTER_PATHS, customDomainRewrite } from "@/lib/http/help-center-host";
import { NONCE_HEADER, contentSecurityPolicy, isForeignServerAction, securityHeaders } from "@/lib/http/security-headers";
import { getDb } from "@/db/client";
import { dashboardAppFrameOrigins } from "@/lib/dashboard-apps/app-context";
import { recentSessionUserId } from "@/lib/auth/proxy-session";
import { SIGN_IN_PATH, authConfig, isProtectedPath } from "./auth.config";

/**
 * Runs before every request (Node runtime):
 * - security headers on every response, and for pages a Content-Security-Policy with a fresh
 *   nonce, which Next reads from the request to put on its scripts (lib/http/security-headers.ts);
 * - a server action from another origin is answered 403 (Next would throw: a 500);
 * - the Client API (/public/api/**) and the Pusher auth endpoints answer any origin (CORS, never
 *   credentials: lib/http/cors.ts);
 * - the public help center (/hc/**) sends its own strict, script-free policy (app/hc/_site), and a
 *   request on a portal's custom domain is rewritten to it (lib/http/help-center-host.ts);
 * - the agent app (/app/**): a visitor without a session goes to /sign-in?callbackUrl=... Only
 *   the JWT is checked here; pages call auth() from "@/auth", which also checks that the session
 *   was not revoked (session version, sign-out). A cookie issued in the last day passes on the
 *   cookie alone (lib/auth/proxy-session.ts); any other goes through Auth.js, which renews it.
 */
const { auth } = NextAuth(authConfig);

function withHeaders(response: Response, request: NextRequest, csp: string | null): Response {
  for (const [name, value] of Object.entries(securityHeaders(request.headers))) response.headers.set(name, value);
  if (csp) response.headers.set("Content-Security-Policy", csp);
  return response;
}

/** A conversation page of an account: its dashboard apps are framed there (CSP frame-src). */
const CONVERSATION_PAGE = /^\/app\/accounts\/(\d+)\/(?:conversations|inbox)(?:\/|$)/;

async function frameOriginsFor(request: NextRequest, userId: string | undefined): Promise<string[]> {
  const match = CONVERSATION_PAGE.exec(request.nextUrl.pathname);
  const user = Number(userId);
  const accountId = match ? Number(match[1]) : 0;
  // Ids are int4: anything larger is no account (and would fail the query).
  if (!(accountId > 0 && accountId < 2 ** 31 && user > 0 && user < 2 ** 31)) return [];
  return dashboardAppFrameOrigins(getDb(), user, accountId);
}

/** Passes the request on, with the nonce and policy for the page renderer to read. */
function pass(request: NextRequest, frameOrigins: string[] = []): Response {
  const path = request.nextUrl.pathname;
  if (isCorsPath(path)) {
    // The Client API and its realtime authorization, called from customers' own sites.
    const cors = corsHeaders(request.headers);
    const response = request.method === "OPTIONS" ? new Response(null, { status: 204 }) : NextResponse.next();
    for (const [name, value] of Object.entries(cors)) response.headers.set(name, value);
    return withHeaders(response, request, null);
  }
  const isPage = !path.startsWith("/api/") && !HELP_CENTER_PATHS.test(path);
  if (!isPage) return withHeaders(NextResponse.next(), request, null);
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const csp = contentSecurityPolicy(nonce, frameOrigins);
  const headers = new Headers(request.headers);
  headers.set(NONCE_HEADER, nonce);
  headers.set("Content-Security-Policy", csp);
  return withHeaders(NextResponse.next({ request: { headers } }), request, csp);
}

const guard = auth(async (request) => {
  if (request.auth?.user) return pass(request, await frameOriginsFor(request, request.auth.user.id));
  const signIn = request.nextUrl.clone();
  signIn.pathname = SIGN_IN_PATH;
  signIn.search = "";
  signIn.searchParams.set("callbackUrl", request.nextUrl.href);
  return withHeaders(NextResponse.redirect(signIn), request, null);
});

export default async function proxy(request: NextRequest, event: NextFetchEvent): Promise<Response> {
  if (isForeignServerAction(request.method, request.headers)) {
    return withHeaders(new Response("This action was posted from another site.", { status: 403 }), request, null);
  }
  if (isProtectedPath(request.nextUrl.pathname)) {
    const userId = await recentSessionUserId(request.cookies.getAll(), authConfig.secret);
    if (userId) return pass(request, await frameOriginsFor(request, String(userId)));
    return (await guard(request, event as never)) as Response;
  }
  const portalPath = customDomainRewrite(request.nextUrl.pathname, request.headers);
  if (portalPath) {
    const url = request.nextUrl.clone();
    url.pathname = portalPath;
    return withHeaders(NextResponse.rewrite(url), request, null);
  }
  return pass(request);
}

export const config = {
  // Everything but Next's build assets (immutable files with their own headers) and the machine
  // endpoints that take large bodies: Next copies a body through the proxy in memory and cuts it
  // at 10 MB (proxyClientMaxBodySize), which would truncate forwarded mail.
  // The public help center under /hc/ sets its own headers (app/hc/_site/respond.ts) and is read by
  // anyone at volume: it skips the proxy. A portal's custom domain still passes through it.
  // The composer's uploads (/api/uploads) likewise: the route checks origin and session itself.
  matcher: ["/((?!_next/static|_next/image|favicon.ico|api/ingress|api/inngest|api/uploads|hc/).*)"],
};
