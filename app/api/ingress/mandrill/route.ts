import { ingressRoute } from "@/lib/email/ingress/ingress-route";
import { extractMandrill } from "@/lib/email/ingress/providers";

export const POST = ingressRoute("mandrill", extractMandrill);

/** Mandrill checks that the URL exists with a HEAD request when the webhook is added. */
export function HEAD(): Response {
  return new Response(null, { status: 200 });
}
