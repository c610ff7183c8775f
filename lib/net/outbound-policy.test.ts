import { describe, expect, it } from "vitest";
import { OutboundRefusedError, refusedHostLiteral, resolveOutbound, type OutboundPolicy, type Resolver } from "./outbound-policy";

/**
 * The SSRF host variants of the security review: every spelling of this machine, the private
 * network and the cloud metadata service is refused by default, and let through only by the
 * settings that say so.
 */
const strict: OutboundPolicy = { allowPrivate: false, allowedHosts: "" };
const lan: OutboundPolicy = { allowPrivate: true, allowedHosts: "" };

/** A stand-in DNS: the names an attacker controls resolve wherever they like. */
const dns: Record<string, string[]> = {
  "mail.example.com": ["93.184.215.14"],
  "rebind.attacker.test": ["10.0.0.7"],
  "mixed.attacker.test": ["93.184.215.14", "127.0.0.1"],
  "metadata.attacker.test": ["169.254.169.254"],
  "v6.attacker.test": ["::ffff:192.168.1.1"],
  "mail.example.lan": ["192.168.1.20"],
};
const resolver: Resolver = async (host) => {
  const answers = dns[host];
  if (!answers) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: "ENOTFOUND" });
  return answers.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
};

async function refusal(host: string, policy: OutboundPolicy): Promise<string | null> {
  try {
    await resolveOutbound(host, { resolver, policy });
    return null;
  } catch (error) {
    if (error instanceof OutboundRefusedError) return error.message;
    throw error;
  }
}

const hostVariants: Array<[string, string]> = [
  ["127.0.0.1", "loopback"],
  ["127.1.2.3", "loopback"],
  ["localhost", "loopback"],
  ["LOCALHOST.", "loopback"],
  ["imap.localhost", "loopback"],
  ["2130706433", "loopback"], // decimal
  ["0x7f.1", "loopback"], // hex
  ["0x7f000001", "loopback"],
  ["0177.0.0.1", "loopback"], // octal
  ["017700000001", "loopback"],
  ["::1", "loopback"],
  ["[::1]", "loopback"],
  ["::ffff:127.0.0.1", "loopback"], // IPv4-mapped IPv6
  ["[::ffff:7f00:1]", "loopback"],
  ["0:0:0:0:0:ffff:7f00:1", "loopback"],
  ["169.254.169.254", "link-local"], // cloud metadata
  ["fe80::1", "link-local"],
  ["10.1.2.3", "private"],
  ["172.16.0.1", "private"],
  ["172.31.255.255", "private"],
  ["192.168.0.10", "private"],
  ["100.64.0.1", "private"], // carrier-grade NAT
  ["fd00::1", "private"],
  ["0.0.0.0", "reserved"],
  ["0", "reserved"],
  ["224.0.0.1", "reserved"],
  ["255.255.255.255", "reserved"],
  ["rebind.attacker.test", "private"], // a name resolving to a private address
  ["mixed.attacker.test", "loopback"], // one bad answer among good ones
  ["metadata.attacker.test", "link-local"],
  ["v6.attacker.test", "private"],
];

describe("outbound address policy", () => {
  it.each(hostVariants)("refuses %s (%s) by default, saying which setting allows it", async (host, kind) => {
    const message = await refusal(host, strict);
    expect(message).not.toBeNull();
    expect(message).toContain(kind === "loopback" ? "loopback address" : kind === "private" ? "private address" : kind === "link-local" ? "link-local" : "reserved");
    if (kind === "loopback" || kind === "private") expect(message).toContain("set OUTBOUND_ALLOW_PRIVATE=true to let Postdesk reach servers on your network");
    else expect(message).toContain("OUTBOUND_ALLOWED_HOSTS");
  });

  it("names the resolved address when a host name leads somewhere private", async () => {
    expect(await refusal("rebind.attacker.test", strict)).toBe(
      "rebind.attacker.test (10.0.0.7) is a private address; set OUTBOUND_ALLOW_PRIVATE=true to let Postdesk reach servers on your network (or list it in OUTBOUND_ALLOWED_HOSTS)",
    );
  });

  it("lets public hosts through and connects to the address it checked", async () => {
    expect(await resolveOutbound("Mail.Example.com", { resolver, policy: strict })).toEqual({
      host: "mail.example.com",
      address: "93.184.215.14",
      family: 4,
      servername: "mail.example.com",
    });
    expect(await resolveOutbound("8.8.8.8", { resolver, policy: strict })).toMatchObject({ address: "8.8.8.8", servername: undefined });
  });

  it("keeps DNS failures as they are (no such host)", async () => {
    await expect(resolveOutbound("nowhere.invalid", { resolver, policy: strict })).rejects.toMatchObject({ code: "ENOTFOUND" });
  });

  it("OUTBOUND_ALLOW_PRIVATE lets loopback and private ranges through, but not link-local or reserved", async () => {
    for (const [host, kind] of hostVariants) {
      const message = await refusal(host, lan);
      if (kind === "loopback" || kind === "private") expect(message, host).toBeNull();
      else expect(message, host).not.toBeNull();
    }
    expect(await resolveOutbound("2130706433", { resolver, policy: lan })).toMatchObject({ address: "127.0.0.1" });
  });

  it("OUTBOUND_ALLOWED_HOSTS lets listed names, patterns, IPs and CIDRs through, and nothing else", async () => {
    const policy: OutboundPolicy = { allowPrivate: false, allowedHosts: " mail.example.lan, *.corp.test ,127.0.0.1, 10.0.0.0/24,169.254.169.254" };
    expect(await refusal("mail.example.lan", policy)).toBeNull();
    expect(await refusal("127.0.0.1", policy)).toBeNull();
    expect(await refusal("2130706433", policy)).toBeNull(); // the same address, spelled otherwise
    expect(await refusal("rebind.attacker.test", policy)).toBeNull(); // 10.0.0.7 is in 10.0.0.0/24
    expect(await refusal("169.254.169.254", policy)).toBeNull();
    expect(await refusal("127.0.0.2", policy)).not.toBeNull();
    expect(await refusal("10.0.1.1", policy)).not.toBeNull();
    expect(await refusal("localhost", { allowPrivate: false, allowedHosts: "localhost" })).toBeNull();
  });

  it("checks literals without DNS for form validation", () => {
    expect(refusedHostLiteral("0x7f.1", strict)).toContain("loopback");
    expect(refusedHostLiteral("localhost", strict)).toContain("loopback");
    expect(refusedHostLiteral("imap.example.com", strict)).toBeNull();
    expect(refusedHostLiteral("127.0.0.1", lan)).toBeNull();
  });
});
