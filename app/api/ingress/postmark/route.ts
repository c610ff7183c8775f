import { ingressRoute } from "@/lib/email/ingress/ingress-route";
import { extractPostmark } from "@/lib/email/ingress/providers";

export const POST = ingressRoute("postmark", extractPostmark);
