import http from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A local Mailgun HTTP API on a loopback port, speaking Mailgun's wire format: HTTP Basic
 * `api:<key>` (401 "Forbidden" for another key), `POST /v3/{domain}/messages.mime` with a
 * multipart/form-data body (`to` fields and the MIME as the `message` file), answering 200
 * `{ id, message: "Queued. Thank you." }`, 400 `{ message }` for a malformed request, 404
 * `{ message: "Domain not found" }` for a domain the account lacks; `GET /v3/domains/{domain}`
 * for the key check. It records every accepted message's bytes and can be told to answer
 * 500/429 (or any scripted error) to the next sends.
 *
 *   const mailgun = await startFakeMailgun({ apiKey: "key-1", domains: ["mg.example.test"] });
 *   // sending settings: base URL mailgun.url, domain mg.example.test, key key-1
 */
export type FakeMailgunMessage = { domain: string; to: string[]; mime: Buffer; id: string };
export type ScriptedFailure = { status: number; body: string | Record<string, unknown>; times?: number };

export type FakeMailgun = {
  url: string;
  messages: FakeMailgunMessage[];
  /** Every request seen, method and path (to assert that a check sent nothing). */
  requests: { method: string; path: string }[];
  /** Answer the next sends (all when `times` is omitted) with this failure. */
  failSends(failure: ScriptedFailure): void;
  setApiKey(key: string): void;
  stop(): Promise<void>;
};

export async function startFakeMailgun(options: { apiKey: string; domains: string[] }): Promise<FakeMailgun> {
  let apiKey = options.apiKey;
  const domains = new Set(options.domains.map((d) => d.toLowerCase()));
  const messages: FakeMailgunMessage[] = [];
  const requests: { method: string; path: string }[] = [];
  const failures: ScriptedFailure[] = [];
  let counter = 0;

  const json = (res: http.ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  };

  async function handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const path = new URL(req.url ?? "/", "http://x").pathname;
    requests.push({ method: req.method ?? "", path });

    // Mailgun answers a wrong or missing key with a bare 401 "Forbidden".
    const expected = `Basic ${Buffer.from(`api:${apiKey}`).toString("base64")}`;
    if (req.headers.authorization !== expected) {
      res.writeHead(401, { "content-type": "text/plain" });
      return res.end("Forbidden");
    }

    const domainCheck = /^\/v3\/domains\/([^/]+)$/.exec(path);
    if (req.method === "GET" && domainCheck) {
      const domain = decodeURIComponent(domainCheck[1]).toLowerCase();
      if (!domains.has(domain)) return json(res, 404, { message: "Domain not found" });
      return json(res, 200, { domain: { name: domain, state: "active" }, receiving_dns_records: [], sending_dns_records: [] });
    }

    const send = /^\/v3\/([^/]+)\/messages\.mime$/.exec(path);
    if (req.method === "POST" && send) {
      const domain = decodeURIComponent(send[1]).toLowerCase();
      if (!domains.has(domain)) return json(res, 404, { message: "Domain not found" });
      const contentType = req.headers["content-type"] ?? "";
      if (!contentType.startsWith("multipart/form-data")) return json(res, 400, { message: "'message' parameter is missing" });
      // The platform's own multipart parser, as strict as Mailgun's about the body.
      const form = await new Request("http://x/", { method: "POST", headers: { "content-type": contentType }, body }).formData();
      const to = form.getAll("to").flatMap((v) => String(v).split(",")).map((v) => v.trim()).filter(Boolean);
      const file = form.get("message");
      if (to.length === 0) return json(res, 400, { message: "'to' parameter is missing" });
      if (!file || typeof file === "string") return json(res, 400, { message: "'message' parameter is not a file" });
      const failure = failures[0];
      if (failure) {
        if (failure.times !== undefined && --failure.times <= 0) failures.shift();
        if (typeof failure.body === "string") {
          res.writeHead(failure.status, { "content-type": "text/plain" });
          return res.end(failure.body);
        }
        return json(res, failure.status, failure.body);
      }
      const id = `<20261121.${++counter}.fake@${domain}>`;
      messages.push({ domain, to, mime: Buffer.from(await file.arrayBuffer()), id });
      return json(res, 200, { id, message: "Queued. Thank you." });
    }
    json(res, 404, { message: "Not found" });
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => json(res, 500, { message: String(error) }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    messages,
    requests,
    failSends: (failure) => void failures.push({ ...failure }),
    setApiKey: (key) => void (apiKey = key),
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
