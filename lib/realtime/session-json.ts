import { getDb, type DbOrTx } from "@/db/client";
import { userActor, type Actor } from "@/lib/auth/actor";
import { isAppError } from "@/lib/errors";
import { createLogger } from "@/lib/logger";
import { newRequestScope, runInRequestScope } from "@/lib/request-scope";

const log = createLogger("live-route");

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), {
    status,
    // Live state: never from a cache, never kept by one.
    headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" },
  });

const positiveId = (raw: string): number | null => {
  const id = Number(raw);
  return /^\d+$/.test(raw) && Number.isSafeInteger(id) && id > 0 ? id : null;
};

/**
 * The shared body of the small session-authenticated JSON routes a live screen reads instead of
 * re-rendering (counts, one message): the signed-in user from Auth.js, the account id from the
 * path; a foreign or missing account or item is 404 (the domain decides), an AppError its status.
 * One request scope, so the domain functions it runs share one access check.
 */
export async function jsonForUser(
  userId: number | null,
  rawAccountId: string,
  load: (db: DbOrTx, actor: Actor, accountId: number) => Promise<unknown>,
): Promise<Response> {
  if (userId === null) return json(401, { error: "Sign in first." });
  const accountId = positiveId(rawAccountId);
  if (accountId === null) return json(404, { error: "Not found" });
  try {
    return json(200, await runInRequestScope(newRequestScope(), () => load(getDb(), userActor(userId), accountId)));
  } catch (error) {
    if (isAppError(error)) return json(error.status, { error: error.message });
    log.error("live route failed", { error: error instanceof Error ? error.message : String(error) });
    return json(500, { error: "Something went wrong." });
  }
}

export { positiveId };
