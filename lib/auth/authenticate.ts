import type { DbOrTx } from "@/db/client";
import { verifyPassword } from "./password";
import { findUserByEmail } from "./find-user";
import { ANY_CLIENT, LOCKED_MESSAGE, clearSignInFailures, lockedUntil, recordSignInFailure } from "./sign-in-throttle";

export const INVALID_CREDENTIALS_MESSAGE = "Invalid email or password";

export type SessionUser = { id: number; name: string; email: string; sessionVersion: number };

export type AuthenticationResult =
  | { ok: true; user: SessionUser }
  | { ok: false; reason: "invalid" | "locked"; message: string };

// Compared against when the email is unknown, so both paths cost one bcrypt comparison and the
// response time does not reveal which emails exist.
const DUMMY_HASH = "$2b$10$lHorr3AQj97HtS8vriOkwehCIXUaX3i.z8469cbzA3864W4rgB71a";

/**
 * Password sign-in with throttling. `client` identifies where the attempt comes from (the IP
 * address for the web form) so one attacker cannot lock a user out from everywhere.
 */
export async function authenticateWithPassword(
  db: DbOrTx,
  input: { email: string; password: string; client: string },
): Promise<AuthenticationResult> {
  const email = input.email.trim();
  const isLocked = (await lockedUntil(db, email, input.client)) || (await lockedUntil(db, email, ANY_CLIENT));
  if (isLocked) return { ok: false, reason: "locked", message: LOCKED_MESSAGE };

  const user = await findUserByEmail(db, email);
  const matches = await verifyPassword(input.password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !matches) {
    const lockedHere = await recordSignInFailure(db, email, input.client);
    const lockedEverywhere = await recordSignInFailure(db, email, ANY_CLIENT);
    const locked = lockedHere || lockedEverywhere;
    return locked
      ? { ok: false, reason: "locked", message: LOCKED_MESSAGE }
      : { ok: false, reason: "invalid", message: INVALID_CREDENTIALS_MESSAGE };
  }
  await clearSignInFailures(db, email, input.client);
  return { ok: true, user: { id: user.id, name: user.name, email: user.email, sessionVersion: user.sessionVersion } };
}
