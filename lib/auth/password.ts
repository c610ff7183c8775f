import bcrypt from "bcryptjs";
import { invalid } from "@/lib/errors";

// bcryptjs is pure JavaScript (no native build); cost 10 keeps sign-in near 60 ms on one core.
const COST = 10;
export const MIN_PASSWORD_LENGTH = 8;

export function assertAcceptablePassword(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw invalid(`Password must be at least ${MIN_PASSWORD_LENGTH} characters`);
  }
}

export async function hashPassword(password: string): Promise<string> {
  assertAcceptablePassword(password);
  return bcrypt.hash(password, COST);
}

export async function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}
