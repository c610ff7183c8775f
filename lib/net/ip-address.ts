import net from "node:net";

/**
 * IP address literals as an attacker may spell them, and the ranges the outbound policy cares
 * about. A host typed into a form is an IP literal when any resolver on this machine would read it
 * as one: besides the dotted quad, getaddrinfo (and URL parsers) accept `2130706433`,
 * `0x7f.1` and `0177.0.0.1` for 127.0.0.1; IPv6 may come in brackets, with a zone, or as an
 * IPv4-mapped address (`::ffff:127.0.0.1`, `::ffff:7f00:1`) that reaches the IPv4 host.
 */

/** `a`, `a.b`, `a.b.c` or `a.b.c.d` with decimal, octal (0…) or hex (0x…) parts, as inet_aton reads them. */
export function parseLooseIPv4(host: string): string | null {
  const parts = host.replace(/\.$/, "").split(".");
  if (parts.length < 1 || parts.length > 4) return null;
  const numbers: number[] = [];
  for (const part of parts) {
    let value: number;
    if (/^0x[0-9a-f]*$/i.test(part)) value = part.length === 2 ? 0 : parseInt(part.slice(2), 16);
    else if (/^0[0-7]*$/.test(part)) value = parseInt(part, 8);
    else if (/^[1-9][0-9]*$/.test(part)) value = Number(part);
    else return null;
    if (!Number.isSafeInteger(value)) return null;
    numbers.push(value);
  }
  const last = numbers.pop() as number;
  if (numbers.some((n) => n > 255) || last >= 256 ** (4 - numbers.length)) return null;
  let whole = last;
  numbers.forEach((n, i) => (whole += n * 256 ** (3 - i)));
  return [whole >>> 24, (whole >>> 16) & 255, (whole >>> 8) & 255, whole & 255].join(".");
}

/** The eight 16-bit groups of an IPv6 address (an embedded dotted IPv4 tail included). */
function ipv6Groups(address: string): number[] {
  let text = address;
  const tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (tail) {
    const [a, b, c, d] = tail[1].split(".").map(Number);
    text = text.slice(0, -tail[1].length) + `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, rest] = text.split("::");
  const left = head ? head.split(":") : [];
  const right = rest === undefined ? [] : rest ? rest.split(":") : [];
  const zeros = rest === undefined ? 0 : 8 - left.length - right.length;
  return [...left, ...Array<string>(zeros).fill("0"), ...right].map((g) => parseInt(g, 16));
}

/**
 * The canonical address when `host` is an IP literal in any spelling, otherwise null (a name).
 * IPv4-mapped IPv6 becomes its IPv4 address: that is where a connection to it goes.
 */
export function ipLiteral(host: string): string | null {
  let text = host.trim();
  if (text.startsWith("[") && text.endsWith("]")) text = text.slice(1, -1);
  text = text.replace(/%.*$/, "");
  if (net.isIPv4(text)) return text;
  if (net.isIPv6(text)) {
    const g = ipv6Groups(text.toLowerCase());
    if (g.slice(0, 5).every((x) => x === 0) && g[5] === 0xffff) return [g[6] >> 8, g[6] & 255, g[7] >> 8, g[7] & 255].join(".");
    return g.map((x) => x.toString(16)).join(":");
  }
  return parseLooseIPv4(text);
}

export type AddressKind = "loopback" | "private" | "link-local" | "reserved";

const RANGES: Array<[AddressKind, string, number]> = [
  ["loopback", "127.0.0.0", 8],
  ["loopback", "::1", 128],
  ["private", "10.0.0.0", 8],
  ["private", "172.16.0.0", 12],
  ["private", "192.168.0.0", 16],
  ["private", "100.64.0.0", 10], // carrier-grade NAT (shared address space)
  ["private", "fc00::", 7], // unique local
  ["link-local", "169.254.0.0", 16], // includes cloud metadata (169.254.169.254)
  ["link-local", "fe80::", 10],
  ["reserved", "0.0.0.0", 8], // "this network": connecting to 0.0.0.0 reaches this machine
  ["reserved", "192.0.0.0", 24],
  ["reserved", "192.0.2.0", 24],
  ["reserved", "198.18.0.0", 15],
  ["reserved", "198.51.100.0", 24],
  ["reserved", "203.0.113.0", 24],
  ["reserved", "224.0.0.0", 4], // multicast
  ["reserved", "240.0.0.0", 4], // reserved, broadcast
  ["reserved", "::", 128],
  ["reserved", "::", 96], // IPv4-compatible (deprecated)
  ["reserved", "64:ff9b::", 96], // NAT64: reaches an IPv4 address we would not see
  ["reserved", "100::", 64],
  ["reserved", "2001:db8::", 32],
  ["reserved", "ff00::", 8], // multicast
];

const KINDS: AddressKind[] = ["loopback", "private", "link-local", "reserved"];
const LISTS = new Map<AddressKind, net.BlockList>(KINDS.map((kind) => [kind, new net.BlockList()]));
for (const [kind, prefix, bits] of RANGES) LISTS.get(kind)?.addSubnet(prefix, bits, net.isIPv4(prefix) ? "ipv4" : "ipv6");

/** What kind of special address `ip` (a canonical literal from ipLiteral) is, or null for a public one. */
export function addressKind(ip: string): AddressKind | null {
  const family = net.isIPv4(ip) ? "ipv4" : "ipv6";
  return KINDS.find((kind) => LISTS.get(kind)?.check(ip, family)) ?? null;
}
