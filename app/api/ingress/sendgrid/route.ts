import { ingressRoute } from "@/lib/email/ingress/ingress-route";
import { extractSendgrid } from "@/lib/email/ingress/providers";

export const POST = ingressRoute("sendgrid", extractSendgrid);
