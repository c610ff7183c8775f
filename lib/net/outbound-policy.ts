import dns from "node:dns";
import net from "node:net";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { addressKind, ipLiteral, type AddressKind } from "./ip-address";

/**
 * The outbound address policy: every feature that connects to a host or URL a user typed (IMAP and
 * SMTP servers, email-API base URLs, and later webhooks, bots, avatars) goes through here, so a
 * tenant cannot make the server reach this machine, its private network or a cloud metadata
 * service. Fixed provider endpoints from configuration (Google, Microsoft) do not.
 *
 * Use `resolveOutbound(host)` once per connection and connect to the address it returns (with
 * the host name as TLS servername): the name is resolved once, every answer is checked, and
 * nothing is resolved again, so DNS cannot answer differently between the check and the connect.
 * For HTTP, `outboundFetch` (outbound-fetch.ts) does this per hop, redirects included.
 *
 * Allowed by configuration: OUTBOUND_ALLOW_PRIVATE=true permits loopback and private ranges (a
 * self-hosted desk reaching its own mail server); OUTBOUND_ALLOWED_HOSTS lists host names,
 * `*.suffix` patterns, IPs or CIDRs that may be reached whatever they are (the only way to reach
 * link-local or reserved addresses).
 */
export type OutboundPolicy = { allowPrivate: boolean; allowedHosts: string };

export type ResolvedAddress = { address: string; family: number };
/** How names are resolved; a parameter so tests can stand in for DNS. */
export type Resolver = (host: string) => Promise<ResolvedAddress[]>;

export type OutboundTarget = {
  /** The host as typed, without brackets (the TLS servername when it is a name). */
  host: string;
  /** The checked address to connect to. */
  address: string;
  family: 4 | 6;
  /** The name to send as SNI and to verify the certificate against; undefined for an IP literal. */
  servername: string | undefined;
};

/** The host is refused by the policy; the message says which setting would allow it. */
export class OutboundRefusedError extends AppError {
  constructor(message: string) {
    super("invalid", message, { outbound: "refused" });
    this.name = "OutboundRefusedError";
  }
}

export const systemResolver: Resolver = (host) => dns.promises.lookup(host, { all: true, verbatim: true });

export function currentOutboundPolicy(): OutboundPolicy {
  const e = env();
  return { allowPrivate: e.OUTBOUND_ALLOW_PRIVATE === "true", allowedHosts: e.OUTBOUND_ALLOWED_HOSTS ?? "" };
}

type AllowList = { names: string[]; suffixes: string[]; blocks: net.BlockList };

function allowList(text: string): AllowList {
  const list: AllowList = { names: [], suffixes: [], blocks: new net.BlockList() };
  for (const raw of text.split(",")) {
    const entry = raw.trim().toLowerCase().replace(/\.$/, "");
    if (!entry) continue;
    const cidr = /^(.+)\/(\d{1,3})$/.exec(entry);
    const ip = ipLiteral(cidr ? cidr[1] : entry);
    if (ip) {
      const family = net.isIPv4(ip) ? "ipv4" : "ipv6";
      if (cidr) list.blocks.addSubnet(ip, Number(cidr[2]), family);
      else list.blocks.addAddress(ip, family);
    } else if (entry.startsWith("*.")) list.suffixes.push(entry.slice(1));
    else list.names.push(entry);
  }
  return list;
}

const normalName = (host: string) => host.trim().toLowerCase().replace(/^\[|\]$/g, "").replace(/\.$/, "");
const isLocalhostName = (name: string) => name === "localhost" || name.endsWith(".localhost");

function nameAllowed(list: AllowList, name: string): boolean {
  return list.names.includes(name) || list.suffixes.some((s) => name.endsWith(s));
}

const KIND_WORDS: Record<AddressKind, string> = {
  loopback: "a loopback address (this server itself)",
  private: "a private address",
  "link-local": "a link-local address (where cloud metadata services live)",
  reserved: "a reserved or multicast address",
};

function refusal(shown: string, kind: AddressKind): OutboundRefusedError {
  const how =
    kind === "loopback" || kind === "private"
      ? "set OUTBOUND_ALLOW_PRIVATE=true to let Postdesk reach servers on your network (or list it in OUTBOUND_ALLOWED_HOSTS)"
      : "Postdesk connects there only when it is listed in OUTBOUND_ALLOWED_HOSTS";
  return new OutboundRefusedError(`${shown} is ${KIND_WORDS[kind]}; ${how}`);
}

/** Why `address` (reached through `host`) is refused, or null when it may be reached. */
function check(policy: OutboundPolicy, list: AllowList, host: string, address: string): OutboundRefusedError | null {
  const ip = ipLiteral(address);
  if (!ip) return new OutboundRefusedError(`${host} did not resolve to an IP address`);
  const kind = addressKind(ip);
  if (!kind) return null;
  if (list.blocks.check(ip, net.isIPv4(ip) ? "ipv4" : "ipv6")) return null;
  if (policy.allowPrivate && (kind === "loopback" || kind === "private")) return null;
  const literal = ipLiteral(host);
  return refusal(literal ? host : `${host} (${address})`, kind);
}

/**
 * Checks a host without resolving it: refuses IP literals and `localhost` names the policy does
 * not allow. For form validation, where a name's DNS answers are checked only at connect time.
 * Returns the refusal message, or null.
 */
export function refusedHostLiteral(host: string, policy: OutboundPolicy = currentOutboundPolicy()): string | null {
  const name = normalName(host);
  const list = allowList(policy.allowedHosts);
  if (nameAllowed(list, name)) return null;
  const ip = ipLiteral(name);
  if (ip) return check(policy, list, name, ip)?.message ?? null;
  if (isLocalhostName(name)) return check(policy, list, name, "127.0.0.1")?.message ?? null;
  return null;
}

/**
 * Resolves `host` once and checks every answer against the policy. DNS failures are rethrown as
 * they are (their `code`, e.g. ENOTFOUND, says "no such host"); a refused address throws
 * OutboundRefusedError. Connect to `address`, with `servername` for TLS.
 */
export async function resolveOutbound(
  host: string,
  options: { resolver?: Resolver; policy?: OutboundPolicy } = {},
): Promise<OutboundTarget> {
  const policy = options.policy ?? currentOutboundPolicy();
  const name = normalName(host);
  const list = allowList(policy.allowedHosts);
  const byName = nameAllowed(list, name);
  const literal = ipLiteral(name);
  let answers: ResolvedAddress[];
  if (literal) answers = [{ address: literal, family: net.isIPv4(literal) ? 4 : 6 }];
  else if (isLocalhostName(name)) answers = [{ address: "127.0.0.1", family: 4 }];
  else answers = await (options.resolver ?? systemResolver)(name);
  if (answers.length === 0) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${name}`), { code: "ENOTFOUND" });
  if (!byName) {
    // Every answer, not only the one we use: a name with one public and one private answer is
    // refused, so the outcome never depends on which answer comes first.
    for (const answer of answers) {
      const refused = check(policy, list, name, answer.address);
      if (refused) throw refused;
    }
  }
  const chosen = answers[0];
  const address = ipLiteral(chosen.address) ?? chosen.address;
  return { host: name, address, family: net.isIPv4(address) ? 4 : 6, servername: literal ? undefined : name };
}

/**
 * A `lookup` for net/tls/http(s) connections that answers only with a checked address, so the
 * connection goes exactly where the policy allowed. Refusals reach the caller as the error.
 */
export function guardedLookup(options: { resolver?: Resolver; policy?: OutboundPolicy } = {}): net.LookupFunction {
  return ((hostname: string, lookupOptions: dns.LookupOptions, callback: (...args: unknown[]) => void) => {
    resolveOutbound(hostname, options).then(
      (target) => (lookupOptions?.all ? callback(null, [{ address: target.address, family: target.family }]) : callback(null, target.address, target.family)),
      (error) => callback(error),
    );
  }) as unknown as net.LookupFunction;
}
