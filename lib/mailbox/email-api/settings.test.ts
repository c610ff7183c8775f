import { describe, expect, it } from "vitest";
import { emailApiSettingsInput, regionOf } from "./settings";

/** What the admin types for the sending API becomes a base URL Postdesk will send the key to. */
describe("email API settings input", () => {
  const parse = (value: Record<string, unknown>) => emailApiSettingsInput.safeParse(value);

  it("maps Mailgun's regions to their API hosts and back", () => {
    expect(parse({ domain: "MG.Example.com ", region: "eu", apiKey: "k" })).toMatchObject({
      success: true,
      data: { provider: "mailgun", domain: "mg.example.com", baseUrl: "https://api.eu.mailgun.net", apiKey: "k" },
    });
    expect(parse({ domain: "mg.example.com" })).toMatchObject({ success: true, data: { baseUrl: "https://api.mailgun.net", apiKey: null } });
    expect(regionOf("https://api.eu.mailgun.net")).toBe("eu");
    expect(regionOf("https://mailgun-proxy.example.com")).toBe("custom");
  });

  it("sends the key only over https, or plain http to this machine", () => {
    expect(parse({ domain: "mg.example.com", region: "custom", baseUrl: "https://proxy.example.com/" })).toMatchObject({ success: true, data: { baseUrl: "https://proxy.example.com" } });
    expect(parse({ domain: "mg.example.com", region: "custom", baseUrl: "http://127.0.0.1:8025" })).toMatchObject({ success: true });
    const plain = parse({ domain: "mg.example.com", region: "custom", baseUrl: "http://proxy.example.com" });
    expect(plain.success).toBe(false);
    expect(plain.error?.issues[0]).toMatchObject({ path: ["baseUrl"], message: "The API's base URL must start with https://" });
  });

  it("refuses something that is not a domain", () => {
    expect(parse({ domain: "support@example.com" }).error?.issues[0]?.message).toMatch(/Enter the sending domain/);
    expect(parse({ domain: "localhost" }).success).toBe(false);
  });
});
