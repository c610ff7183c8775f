import { BlockList, isIP } from "node:net";
import { env } from "@/lib/env";

/**
 * The header instrumentation.ts stamps on every request with the TCP peer's address (overwriting
 * anything a client sent under that name): the only address no client can invent.
 */
export const PEER_ADDRESS_HEADER = "x-postdesk-peer";

export type TrustProxy = { kind: "none" } | { kind: "hops"; hops: number } | { kind: "list"; list: BlockList };

/** Parses TRUST_PROXY (see .env.example): unset → none; 1/true/N → N hops; else addresses/CIDRs. */
export function parseTrustProxy(value: string | undefined): TrustProxy {
  const v = value?.trim().toLowerCase();
  if (!v || v === "false" || v === "0") return { kind: "none" };
  if (v === "true") return { kind: "hops", hops: 1 };
  if (/^\d+$/.test(v)) return { kind: "hops", hops: Number(v) };
  const list = new BlockList();
  for (const entry of v.split(",").map((e) => e.trim()).filter(Boolean)) {
    const [address, bits] = entry.split("/");
    const family = isIP(address) === 6 ? "ipv6" : "ipv4";
    if (!isIP(address)) throw new Error(`TRUST_PROXY: "${entry}" is not an address or CIDR`);
    if (bits === undefined) list.addAddress(address, family);
    else list.addSubnet(address, Number(bits), family);
  }
  return { kind: "list", list };
}

const normalize = (address: string) => address.trim().replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/, "$1");

function isTrusted(list: BlockList, address: string): boolean {
  const a = normalize(address);
  const family = isIP(a);
  return family !== 0 && list.check(a, family === 6 ? "ipv6" : "ipv4");
}

/**
 * Who is asking, for throttling. Without a trusted proxy, the TCP peer (X-Forwarded-For is ignored:
 * a client talking to us directly writes whatever it likes there). With TRUST_PROXY, the
 * X-Forwarded-For chain is walked from the right (the entries our proxies appended), skipping the
 * trusted hops; the first untrusted address is the client. "unknown" when there is no peer (a
 * handler called outside the HTTP server).
 */
export function clientAddress(headers: Headers, trust: TrustProxy = parseTrustProxy(env().TRUST_PROXY)): string {
  const peer = headers.get(PEER_ADDRESS_HEADER)?.trim();
  if (trust.kind === "none") return peer ? normalize(peer) : "unknown";
  const chain = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((e) => e.trim())
    .filter(Boolean);
  // The peer itself is the nearest hop (Next appends it to X-Forwarded-For only when absent).
  const hops = peer ? [...chain, peer] : chain;
  if (trust.kind === "hops") {
    const index = hops.length - 1 - trust.hops;
    return normalize(hops[Math.max(0, index)] ?? "unknown");
  }
  for (let i = hops.length - 1; i >= 0; i--) {
    if (!isTrusted(trust.list, hops[i])) return normalize(hops[i]);
  }
  return normalize(hops[0] ?? "unknown");
}

/** Whether the request reached us over https: APP_URL says so, or a trusted proxy does. */
export function isServedOverHttps(headers: Pick<Headers, "get">, appUrl: string, trust: TrustProxy = parseTrustProxy(env().TRUST_PROXY)): boolean {
  if (appUrl.startsWith("https:")) return true;
  if (trust.kind === "none") return false;
  return headers.get("x-forwarded-proto")?.split(",")[0]?.trim() === "https";
}
