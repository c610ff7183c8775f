import { setEnvVar } from "@/lib/env";

/**
 * Delivers a raw message to a running app's relay ingress, as the Postfix pipe does, and returns
 * the HTTP status (202: stored and queued; the import job makes it appear).
 */
export async function postRelayMail(baseUrl: string, ingressPassword: string, raw: string): Promise<number> {
  const response = await fetch(`${baseUrl}/api/ingress/relay`, {
    method: "POST",
    headers: { "content-type": "message/rfc822", authorization: `Basic ${Buffer.from(`ingress:${ingressPassword}`).toString("base64")}` },
    body: raw,
  });
  await response.arrayBuffer();
  return response.status;
}

/** The base URL the ingress route tests call the handlers with (Mandrill signs it). */
export const INGRESS_TEST_BASE = "http://desk.acme.test";

/** Every ingress secret set for a test file that calls the ingress route handlers directly. */
export function setIngressSecrets(fileKey: string): void {
  setEnvVar("ENCRYPTION_KEY", `${fileKey}-test-key`);
  setEnvVar("INBOUND_EMAIL_DOMAIN", "in.postdesk.test");
  setEnvVar("INGRESS_PASSWORD", "relay-secret");
  setEnvVar("MAILGUN_SIGNING_KEY", "mailgun-key");
  setEnvVar("SENDGRID_INGRESS_PASSWORD", "sendgrid-secret");
  setEnvVar("POSTMARK_INGRESS_PASSWORD", "postmark-secret");
  setEnvVar("MANDRILL_WEBHOOK_KEY", "mandrill-key");
  setEnvVar("MANDRILL_WEBHOOK_URL", `${INGRESS_TEST_BASE}/api/ingress/mandrill`);
}

export const basicAuth = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;
