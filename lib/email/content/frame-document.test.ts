import { describe, expect, it } from "vitest";
import { emailFrameDocument, resolveEmailImages } from "./frame-document";
import { sanitizeEmailHtml } from "./sanitize-html";

const mail = sanitizeEmailHtml(
  `<p>Logo:</p><img src="cid:Logo@Example.com" alt="logo"><img src="cid:missing@x" alt="gone">` +
    `<img src="https://cdn.example.net/banner.png" alt="banner">`,
);

describe("email frame document", () => {
  it("points cid: images at stored attachments and drops unresolved ones", () => {
    const { html, imageOrigins } = resolveEmailImages(mail, {
      inlineImages: { "logo@example.com": "/api/v1/accounts/1/attachments/7" },
      baseUrl: "https://desk.example.com",
    });
    expect(html).toContain(`<img src="https://desk.example.com/api/v1/accounts/1/attachments/7" alt="logo" />`);
    expect(html).toContain(`<img alt="gone" />`);
    expect(html).not.toContain("cdn.example.net/banner.png\" alt");
    expect(imageOrigins).toEqual(["https://desk.example.com"]);
  });

  it("leaves out an image whose URL cannot be made absolute", () => {
    const { html } = resolveEmailImages(mail, { inlineImages: { "logo@example.com": "/a/7" } });
    expect(html).toContain(`<img alt="logo" />`);
  });

  it("keeps remote images parked until the agent allows them", () => {
    const blocked = resolveEmailImages(mail);
    expect(blocked.html).toContain(`<img alt="banner" data-blocked-src="https://cdn.example.net/banner.png" />`);
    const allowed = resolveEmailImages(mail, { allowRemoteImages: true });
    expect(allowed.html).toContain(`<img alt="banner" src="https://cdn.example.net/banner.png" />`);
    expect(allowed.imageOrigins).toEqual(["https://cdn.example.net"]);
  });

  it("wraps the mail in a document whose CSP allows only inline styles and the named image origins", () => {
    const doc = emailFrameDocument(mail, { inlineImages: { "logo@example.com": "https://desk.example.com/a/7" } });
    expect(doc).toMatch(/^<!doctype html>/);
    expect(doc).toContain(
      `content="default-src 'none'; script-src 'none'; style-src 'unsafe-inline'; img-src data: https://desk.example.com; font-src 'none'; connect-src 'none'; form-action 'none'; base-uri 'none'"`,
    );
    expect(doc).toContain(`<meta name="referrer" content="no-referrer">`);
    expect(doc).toContain("<p>Logo:</p>");
  });
});
