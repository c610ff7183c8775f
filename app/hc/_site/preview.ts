import type { DbOrTx } from "@/db/client";
import { requireAccountAccess } from "@/lib/accounts/access";
import { userActor } from "@/lib/auth/actor";

/**
 * Whether the request comes from a signed-in member of the account (an agent previewing a draft).
 * Only asked when a visitor would otherwise get a 404 and carries a session cookie, so public
 * pages never depend on who is reading.
 */
export async function isAgentOfAccount(db: DbOrTx, request: Request, accountId: number): Promise<boolean> {
  if (!/(^|;\s*)(__Secure-)?authjs\.session-token/.test(request.headers.get("cookie") ?? "")) return false;
  try {
    const { auth } = await import("@/auth");
    const session = await auth();
    const userId = Number(session?.user?.id);
    if (!Number.isSafeInteger(userId) || userId <= 0) return false;
    await requireAccountAccess(db, userActor(userId), accountId);
    return true;
  } catch {
    return false;
  }
}
