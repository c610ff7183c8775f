import type { DbOrTx } from "@/db/client";
import { verifyPassword } from "./password";
import { findUserByEmail } from "./find-user";
import { ANY_CLIENT, LOCKED_MESSAGE, clearSignInFailures, lockedUntil, recordSignInFailure, slowdownMs } from "./sign-in-throttle";

export const INVALID_CREDENTIALS_MESSAGE = "Invalid email or password";

export type SessionUser = { id: number; name: string; email: string; sessionVersion: number };

export type AuthenticationResult =
  | { ok: true; user: SessionUser }
  | { ok: false; reason: "invalid" | "locked"; message: string };

// Compared against when the email is unknown, so both paths cost one bcrypt comparison and the
// response time does not reveal which emails exist.
const DUMMY_HASH = "$2b$10$lHorr3AQj97HtS8vriOkwehCIXUaX3i.z8469cbzA3864W4rgB71a";

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Password sign-in with throttling (lib/auth/sign-in-throttle.ts). `client` identifies where the
 * attempt comes from (lib/auth/client-address.ts): a pair that failed too often is locked; an
 * email that failed often from anywhere is only slowed, so one attacker cannot lock a user out
 * from everywhere. `wait` is the slowdown's sleep (tests observe it).
 */
export async function authenticateWithPassword(
  db: DbOrTx,
  input: { email: string; password: string; client: string },
  options: { wait?: (ms: number) => Promise<void> } = {},
): Promise<AuthenticationResult> {
  const email = input.email.trim();
  if (await lockedUntil(db, email, input.client)) return { ok: false, reason: "locked", message: LOCKED_MESSAGE };
  const delay = await slowdownMs(db, email);
  if (delay > 0) await (options.wait ?? sleep)(delay);

  const user = await findUserByEmail(db, email);
  const matches = await verifyPassword(input.password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !matches) {
    const locked = await recordSignInFailure(db, email, input.client);
    await recordSignInFailure(db, email, ANY_CLIENT);
    return locked
      ? { ok: false, reason: "locked", message: LOCKED_MESSAGE }
      : { ok: false, reason: "invalid", message: INVALID_CREDENTIALS_MESSAGE };
  }
  await clearSignInFailures(db, email, input.client);
  return { ok: true, user: { id: user.id, name: user.name, email: user.email, sessionVersion: user.sessionVersion } };
}
