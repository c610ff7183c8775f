import { getDb, type DbOrTx } from "@/db/client";
import { userActor, type Actor } from "@/lib/auth/actor";
import { resolveApiAccessToken } from "@/lib/auth/api-token";
import { isAppError } from "@/lib/errors";
import { createLogger } from "@/lib/logger";

const log = createLogger("download");

type Loader = (db: DbOrTx, actor: Actor, accountId: number, id: number) => Promise<Response>;

const plain = (status: number, text: string) =>
  new Response(text, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "X-Content-Type-Options": "nosniff" } });

function positiveId(raw: string): number | null {
  const id = Number(raw);
  return /^\d+$/.test(raw) && Number.isSafeInteger(id) && id > 0 ? id : null;
}

/**
 * The shared body of the session-authenticated download routes (original email, attachment):
 * the signed-in user's id comes from Auth.js; a missing or foreign id is 404, not 403, so what
 * exists in other inboxes and accounts cannot be probed.
 */
export async function downloadForUser(userId: number | null, rawAccountId: string, rawId: string, load: Loader): Promise<Response> {
  if (userId === null) return plain(401, "Sign in to download this file.");
  const accountId = positiveId(rawAccountId);
  const id = positiveId(rawId);
  if (accountId === null || id === null) return plain(404, "Not found");
  try {
    return await load(getDb(), userActor(userId), accountId, id);
  } catch (error) {
    if (isAppError(error)) return plain(error.status, error.message);
    log.error("download failed", { error: error instanceof Error ? error.message : String(error) });
    return plain(500, "Something went wrong while preparing the download.");
  }
}

/** The user id of an Auth.js session, or null when signed out. */
export function sessionUserId(session: { user?: { id?: string | null } } | null): number | null {
  const id = Number(session?.user?.id);
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}

/**
 * The user of an `api_access_token` header, for files the Application API links to (an
 * attachment's `data_url`): API clients have a token, not a session. Bots' tokens open nothing here.
 */
export async function apiTokenUserId(request: Request): Promise<number | null> {
  const resolved = await resolveApiAccessToken(getDb(), request.headers.get("api_access_token"));
  return resolved?.actor.kind === "user" ? resolved.userId : null;
}
