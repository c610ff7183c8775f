import { ingressRoute } from "@/lib/email/ingress/ingress-route";
import { extractMailgun } from "@/lib/email/ingress/providers";

// 406 tells Mailgun not to retry a message no inbox receives.
export const POST = ingressRoute("mailgun", extractMailgun, { unroutableStatus: 406 });
