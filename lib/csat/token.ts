import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";
import { env, appUrl } from "@/lib/env";

/**
 * The survey link's token: `<survey id>.<HMAC-SHA256 of it, base64url>`, the key derived from
 * AUTH_SECRET. Unguessable without the secret, one per conversation (the survey row is unique per
 * conversation), and nothing to store: changing AUTH_SECRET voids every link sent before.
 */
function key(): Buffer {
  const secret = env().AUTH_SECRET;
  if (!secret) throw new Error("AUTH_SECRET must be set to sign satisfaction survey links");
  return Buffer.from(hkdfSync("sha256", secret, "postdesk", "csat-survey", 32));
}

const mac = (id: number) => createHmac("sha256", key()).update(`csat-survey:${id}`).digest();

export function surveyToken(surveyId: number): string {
  return `${surveyId}.${mac(surveyId).toString("base64url")}`;
}

/** The survey id a token names, or null for anything not signed by us (tampered, truncated, foreign). */
export function verifySurveyToken(token: string): number | null {
  const match = /^([1-9][0-9]{0,9})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return null;
  const id = Number(match[1]);
  if (!Number.isSafeInteger(id)) return null;
  const given = Buffer.from(match[2], "base64url");
  const expected = mac(id);
  return given.length === expected.length && timingSafeEqual(given, expected) ? id : null;
}

/** The public page of a survey; `rating` preselects a choice (the mail's one-click links). */
export function surveyUrl(surveyId: number, rating?: number): string {
  const base = `${appUrl()}/survey/responses/${surveyToken(surveyId)}`;
  return rating === undefined ? base : `${base}?rating=${rating}`;
}
