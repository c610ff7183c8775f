import { ingressRoute } from "@/lib/email/ingress/ingress-route";
import { extractRelay } from "@/lib/email/ingress/providers";

/** Postfix / Exim / Qmail / getmail pipes: `curl --data-binary @- -H 'Content-Type: message/rfc822' -u ingress:...` (README). */
export const POST = ingressRoute("relay", extractRelay);
