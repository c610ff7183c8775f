import type { Portal } from "@/db/schema";
import { appUrl } from "@/lib/env";

/**
 * Where readers find a portal: its custom domain (https, served at "/") when it has one, else
 * {APP_URL}/hc/{slug}. Used for links agents paste into replies and for canonical URLs.
 */
export function portalBaseUrl(portal: Pick<Portal, "slug" | "customDomain">): string {
  return portal.customDomain ? `https://${portal.customDomain}` : `${appUrl()}/hc/${encodeURIComponent(portal.slug)}`;
}

export function articlePublicUrl(portal: Pick<Portal, "slug" | "customDomain">, article: { slug: string }): string {
  const base = portalBaseUrl(portal);
  // On a custom domain the portal is the root, and its paths drop the /hc/{slug} prefix.
  return `${base}/articles/${encodeURIComponent(article.slug)}`;
}
