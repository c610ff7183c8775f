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
