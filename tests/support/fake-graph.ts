import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import https from "node:https";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import tls from "node:tls";

/**
 * A local Microsoft Graph on a loopback https port, speaking Graph's wire format for what the
 * Graph transport uses: `POST /users/{m}/sendMail` (base64 MIME as text/plain, 202, captured),
 * `GET /users/{m}/messages/{id}/$value`, `mailFolders('inbox')/messages/delta` (pages with
 * @odata.nextLink, then @odata.deltaLink), `POST/PATCH/DELETE /subscriptions` (validating the
 * notification URL first, like Graph), and change / lifecycle notifications posted to the app
 * through `deliver` (the route handler's exported POST, called with a real Request).
 *
 * Its self-signed certificate is added to Node's https trust store for this test process, as an
 * operator would add a private CA; the product's client uses Node's https module. A production
 * server started by the test (tests/support/app-server.ts) trusts it the operator's way too:
 * write `certificatePem` to a file and pass it as NODE_EXTRA_CA_CERTS. For that case, `deliver`
 * posts over HTTP: `(request) => fetch(request)`.
 *
 *   const graph = await startFakeGraph({ deliver: (req) => POST(req), acceptToken: (t) => ... });
 *   setEnvVar("GRAPH_BASE_URL", graph.baseUrl);
 */
export type FakeGraphOptions = {
  /** Sends a notification request to the app (the route handler). */
  deliver: (request: Request) => Promise<Response>;
  /**
   * Whether a bearer token is valid (false: 401 InvalidAuthenticationToken) and opens the mailbox
   * named in the path ("forbidden": 403 ErrorAccessDenied). `mailbox` is "" for /subscriptions.
   */
  acceptToken: (token: string, mailbox: string) => boolean | "forbidden";
  /** Mailboxes that do not exist (404 ErrorInvalidUser). */
  missingMailboxes?: string[];
  /** Items per delta page. */
  deltaPageSize?: number;
};

export type FakeSubscription = {
  id: string;
  resource: string;
  mailbox: string;
  notificationUrl: string;
  lifecycleNotificationUrl: string | null;
  clientState: string;
  expirationDateTime: string;
  changeType: string;
};

export type FakeGraph = {
  baseUrl: string;
  /** The self-signed certificate (PEM) the fake serves, for another process's NODE_EXTRA_CA_CERTS. */
  certificatePem: string;
  /** Messages handed to sendMail, decoded. */
  sent: { mailbox: string; raw: Buffer }[];
  subscriptions(): FakeSubscription[];
  /** A message arrives in the mailbox's inbox; with `notify` (default) Graph posts a change notification for it. */
  deliverMessage(mailbox: string, raw: Buffer, options?: { notify?: boolean }): Promise<{ id: string; responses: Response[] }>;
  /** Posts a change notification (again, or with another clientState) for a message already there. */
  notify(subscriptionId: string, messageId: string, overrides?: { clientState?: string }): Promise<Response>;
  lifecycle(subscriptionId: string, lifecycleEvent: "reauthorizationRequired" | "subscriptionRemoved" | "missed"): Promise<Response>;
  /** Graph drops the subscription (it answers 404 for it from now on). */
  removeSubscription(id: string): void;
  /** Answer the next `times` requests whose path matches with this status and Graph error body. */
  failNext(match: RegExp, status: number, code: string, message: string, times?: number): void;
  requests: { method: string; path: string; status: number }[];
  stop(): Promise<void>;
};

/** Graph's longest subscription lifetime for Outlook messages: 10,080 minutes. */
const MAX_LIFETIME_MS = 10_080 * 60 * 1000;

function selfSignedCertificate(): { key: string; cert: string } {
  const dir = mkdtempSync(path.join(tmpdir(), "fake-graph-"));
  try {
    execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost", "-keyout", path.join(dir, "key.pem"), "-out", path.join(dir, "cert.pem")], { stdio: "ignore" });
    return { key: readFileSync(path.join(dir, "key.pem"), "utf8"), cert: readFileSync(path.join(dir, "cert.pem"), "utf8") };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const graphError = (res: ServerResponse, status: number, code: string, message: string) => {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify({ error: { code, message, innerError: { "request-id": randomBytes(8).toString("hex") } } }));
};
const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { "content-type": "application/json; odata.metadata=minimal" });
  res.end(JSON.stringify(body));
};

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export async function startFakeGraph(options: FakeGraphOptions): Promise<FakeGraph> {
  const { key, cert } = selfSignedCertificate();
  const pageSize = options.deltaPageSize ?? 2;
  const mailboxes = new Map<string, { order: string[]; raw: Map<string, Buffer> }>();
  const subscriptions = new Map<string, FakeSubscription>();
  const sent: FakeGraph["sent"] = [];
  const requests: FakeGraph["requests"] = [];
  const failures: { match: RegExp; status: number; code: string; message: string; times: number }[] = [];
  const mailboxOf = (m: string) => {
    const key = m.toLowerCase();
    if (!mailboxes.has(key)) mailboxes.set(key, { order: [], raw: new Map() });
    return mailboxes.get(key) as { order: string[]; raw: Map<string, Buffer> };
  };
  let baseUrl = "";

  const post = (url: string, body: unknown) =>
    options.deliver(new Request(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) }));

  async function validate(url: string): Promise<boolean> {
    const token = `Validation: Testing client application reachability for subscription Request-Id: ${randomBytes(8).toString("hex")}`;
    const started = Date.now();
    const response = await options.deliver(new Request(`${url}${url.includes("?") ? "&" : "?"}validationToken=${encodeURIComponent(token)}`, { method: "POST", headers: { "content-type": "text/plain" } }));
    const text = await response.text();
    return response.status === 200 && text === token && (response.headers.get("content-type") ?? "").startsWith("text/plain") && Date.now() - started < 10_000;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<number> {
    const url = new URL(req.url ?? "/", baseUrl);
    const route = decodeURIComponent(url.pathname.replace(/^\/v1\.0/, ""));
    const failure = failures.find((f) => f.match.test(route) && f.times > 0);
    const auth = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1];
    const userMatch = /^\/users\/([^/]+)/.exec(route);
    const verdict = auth ? options.acceptToken(auth, userMatch?.[1] ?? "") : false;
    if (!verdict) {
      graphError(res, 401, "InvalidAuthenticationToken", "Access token has expired or is not yet valid.");
      return 401;
    }
    if (userMatch && (options.missingMailboxes ?? []).some((m) => m.toLowerCase() === userMatch[1].toLowerCase())) {
      graphError(res, 404, "ErrorInvalidUser", `The requested user '${userMatch[1]}' is invalid.`);
      return 404;
    }
    if (verdict === "forbidden") {
      graphError(res, 403, "ErrorAccessDenied", "Access is denied. Check credentials and try again.");
      return 403;
    }
    if (failure) {
      failure.times -= 1;
      graphError(res, failure.status, failure.code, failure.message);
      return failure.status;
    }
    let m: RegExpExecArray | null;
    if (req.method === "POST" && (m = /^\/users\/([^/]+)\/sendMail$/.exec(route))) {
      const body = await readBody(req);
      if (!(req.headers["content-type"] ?? "").startsWith("text/plain")) {
        graphError(res, 400, "ErrorMimeContentInvalid", "MIME content must be sent base64 encoded with Content-Type text/plain.");
        return 400;
      }
      sent.push({ mailbox: m[1], raw: Buffer.from(body.toString("utf8"), "base64") });
      res.writeHead(202).end();
      return 202;
    }
    if (req.method === "GET" && (m = /^\/users\/([^/]+)\/mailFolders\('inbox'\)$/i.exec(route))) {
      const box = mailboxOf(m[1]);
      json(res, 200, { id: "AAMkInbox", displayName: "Inbox", parentFolderId: "AAMkRoot", childFolderCount: 0, unreadItemCount: box.order.length, totalItemCount: box.order.length });
      return 200;
    }
    if (req.method === "GET" && (m = /^\/users\/([^/]+)\/messages\/([^/]+)\/\$value$/.exec(route))) {
      const raw = mailboxOf(m[1]).raw.get(m[2]);
      if (!raw) {
        graphError(res, 404, "ErrorItemNotFound", "The specified object was not found in the store.");
        return 404;
      }
      res.writeHead(200, { "content-type": "text/plain" }).end(raw);
      return 200;
    }
    if (req.method === "GET" && (m = /^\/users\/([^/]+)\/mailFolders\('inbox'\)\/messages\/delta$/i.exec(route))) {
      const box = mailboxOf(m[1]);
      const skip = url.searchParams.get("$skiptoken");
      const delta = url.searchParams.get("$deltatoken");
      const from = Number(skip ?? delta ?? 0);
      const page = box.order.slice(from, from + pageSize);
      const next = from + page.length;
      const link = (param: string, value: number) => `${baseUrl}/v1.0/users/${encodeURIComponent(m?.[1] ?? "")}/mailFolders('inbox')/messages/delta?${param}=${value}`;
      json(res, 200, {
        "@odata.context": `${baseUrl}/v1.0/$metadata#Collection(message)`,
        value: page.map((id) => ({ "@odata.type": "#microsoft.graph.message", "@odata.etag": `W/"${id}"`, id })),
        ...(next < box.order.length ? { "@odata.nextLink": link("$skiptoken", next) } : { "@odata.deltaLink": link("$deltatoken", next) }),
      });
      return 200;
    }
    if (req.method === "POST" && route === "/subscriptions") {
      const body = JSON.parse((await readBody(req)).toString("utf8")) as Record<string, string>;
      const mailbox = /^\/?users\/([^/]+)\/mailFolders\('inbox'\)\/messages$/i.exec(body.resource ?? "")?.[1];
      const expires = Date.parse(body.expirationDateTime ?? "");
      if (!mailbox || body.changeType !== "created" || !body.notificationUrl || !body.clientState || !(expires > Date.now())) {
        graphError(res, 400, "ExtensionError", "Operation: Create; Exception: [Status Code: BadRequest; Reason: invalid subscription request]");
        return 400;
      }
      if (expires - Date.now() > MAX_LIFETIME_MS) {
        graphError(res, 400, "ExtensionError", "Subscription expiration can only be 10070 minutes in the future.");
        return 400;
      }
      if (!(await validate(body.notificationUrl)) || (body.lifecycleNotificationUrl && !(await validate(body.lifecycleNotificationUrl)))) {
        graphError(res, 400, "ValidationError", "Subscription validation request failed. Response must exactly match validationToken query parameter.");
        return 400;
      }
      const subscription: FakeSubscription = {
        id: crypto.randomUUID(),
        resource: body.resource,
        mailbox: decodeURIComponent(mailbox).toLowerCase(),
        notificationUrl: body.notificationUrl,
        lifecycleNotificationUrl: body.lifecycleNotificationUrl ?? null,
        clientState: body.clientState,
        expirationDateTime: new Date(expires).toISOString(),
        changeType: body.changeType,
      };
      subscriptions.set(subscription.id, subscription);
      json(res, 201, { "@odata.context": `${baseUrl}/v1.0/$metadata#subscriptions/$entity`, ...subscription });
      return 201;
    }
    if ((m = /^\/subscriptions\/([^/]+)$/.exec(route))) {
      const subscription = subscriptions.get(m[1]);
      if (!subscription) {
        graphError(res, 404, "ResourceNotFound", "The object was not found.");
        return 404;
      }
      if (req.method === "DELETE") {
        subscriptions.delete(m[1]);
        res.writeHead(204).end();
        return 204;
      }
      if (req.method === "PATCH") {
        const body = JSON.parse((await readBody(req)).toString("utf8")) as { expirationDateTime?: string };
        const expires = Date.parse(body.expirationDateTime ?? "");
        if (!(expires > Date.now()) || expires - Date.now() > MAX_LIFETIME_MS) {
          graphError(res, 400, "ExtensionError", "Subscription expiration can only be 10070 minutes in the future.");
          return 400;
        }
        subscription.expirationDateTime = new Date(expires).toISOString();
        json(res, 200, { ...subscription });
        return 200;
      }
    }
    graphError(res, 400, "BadRequest", `Resource not found for the segment '${route}'.`);
    return 400;
  }

  const server = https.createServer({ key, cert }, (req, res) => {
    handle(req, res).then(
      (status) => requests.push({ method: req.method ?? "", path: req.url ?? "", status }),
      (error: unknown) => {
        requests.push({ method: req.method ?? "", path: req.url ?? "", status: 500 });
        if (!res.headersSent) graphError(res, 500, "InternalServerError", error instanceof Error ? error.message : String(error));
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const previousCa = https.globalAgent.options.ca;
  https.globalAgent.options.ca = [...tls.rootCertificates, cert];

  const changeNotification = (s: FakeSubscription, messageId: string, clientState = s.clientState) => ({
    value: [
      {
        subscriptionId: s.id,
        subscriptionExpirationDateTime: s.expirationDateTime,
        changeType: "created",
        resource: `Users/${s.mailbox}/Messages/${messageId}`,
        resourceData: { "@odata.type": "#Microsoft.Graph.Message", "@odata.id": `Users/${s.mailbox}/Messages/${messageId}`, "@odata.etag": `W/"${messageId}"`, id: messageId },
        clientState,
        tenantId: "00000000-0000-0000-0000-000000000001",
      },
    ],
  });

  return {
    baseUrl: `${baseUrl}/v1.0`,
    certificatePem: cert,
    sent,
    requests,
    subscriptions: () => [...subscriptions.values()],
    async deliverMessage(mailbox, raw, opts = {}) {
      const box = mailboxOf(mailbox);
      const id = `AAMkAD${randomBytes(12).toString("base64url")}=`;
      box.order.push(id);
      box.raw.set(id, raw);
      const responses: Response[] = [];
      if (opts.notify ?? true) {
        for (const s of subscriptions.values()) if (s.mailbox === mailbox.toLowerCase()) responses.push(await post(s.notificationUrl, changeNotification(s, id)));
      }
      return { id, responses };
    },
    notify(subscriptionId, messageId, overrides = {}) {
      const s = subscriptions.get(subscriptionId);
      if (!s) throw new Error(`no subscription ${subscriptionId}`);
      return post(s.notificationUrl, changeNotification(s, messageId, overrides.clientState ?? s.clientState));
    },
    lifecycle(subscriptionId, lifecycleEvent) {
      const s = subscriptions.get(subscriptionId);
      if (!s) throw new Error(`no subscription ${subscriptionId}`);
      const body = { value: [{ subscriptionId: s.id, subscriptionExpirationDateTime: s.expirationDateTime, tenantId: "00000000-0000-0000-0000-000000000001", clientState: s.clientState, lifecycleEvent }] };
      return post(s.lifecycleNotificationUrl ?? s.notificationUrl, body);
    },
    removeSubscription: (id) => void subscriptions.delete(id),
    failNext(match, status, code, message, times = 1) {
      failures.push({ match, status, code, message, times });
    },
    stop: () =>
      new Promise<void>((resolve) => {
        https.globalAgent.options.ca = previousCa;
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
