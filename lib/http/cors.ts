/**
 * Cross-origin access for what a customer-facing client calls from its own site: the Client API
 * (/public/api/...) and, for its contacts' live events, the Pusher authorization endpoints. Any
 * origin may call them, as with Chatwoot, but never with credentials (`*` forbids them), so an
 * agent's session cookie is never used from another site: a contact's credentials are its
 * source_id and pubsub_token, sent explicitly.
 */
const PUBLIC_PATHS = [/^\/public\/api\//, /^\/api\/pusher\/(auth|user-auth)$/];

export const isCorsPath = (pathname: string): boolean => PUBLIC_PATHS.some((p) => p.test(pathname));

export function corsHeaders(requestHeaders: Headers): Record<string, string> {
  const requested = requestHeaders.get("access-control-request-headers");
  return {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "GET, POST, PATCH, PUT, DELETE, OPTIONS",
    // Only header names: letters, digits and dashes, comma separated.
    "Access-Control-Allow-Headers": requested && /^[A-Za-z0-9\-_, ]{1,500}$/.test(requested) ? requested : "Content-Type",
    "Access-Control-Max-Age": "86400",
  };
}
