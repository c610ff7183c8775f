import "server-only";
import { headers } from "next/headers";
import { appUrl } from "@/lib/env";

/** The origin the agent's browser uses, so inline-image URLs in an email's frame carry their session. */
export async function requestOrigin(): Promise<string> {
  const h = await headers();
  const host = h.get("x-forwarded-host") ?? h.get("host");
  if (!host) return appUrl();
  const proto = h.get("x-forwarded-proto")?.split(",")[0]?.trim() ?? (appUrl().startsWith("https:") ? "https" : "http");
  return `${proto}://${host}`;
}
