import { describe, expect, it } from "vitest";
import { cleanInlineStyle, sanitizeEmailHtml } from "./sanitize-html";

describe("sanitizeEmailHtml", () => {
  it("removes scripts, event handlers, forms, iframes and javascript: links", () => {
    const out = sanitizeEmailHtml(
      `<p onclick="steal()">Hi</p><script>alert(1)</script><iframe src="https://evil.example"></iframe>` +
        `<form action="https://evil.example/login"><input name="password"><button>Log in</button></form>` +
        `<a href="javascript:alert(1)">x</a><a href="JaVaScRiPt&#58;alert(2)">y</a><object data="x.swf"></object>` +
        `<svg><script>alert(3)</script></svg><math><mi xlink:href="javascript:alert(4)">z</mi></math>`,
    );
    expect(out).not.toMatch(/script|onclick|iframe|<form|<input|password|<button|javascript|object|svg|xlink/i);
    expect(out).toContain("<p>Hi</p>");
  });

  it.each([
    [`<img src="x" onerror="alert(1)">`, /onerror/],
    [`<a href="  javascript:alert(1)">a</a>`, /javascript/i],
    [`<a href="java&#x09;script:alert(1)">a</a>`, /script:/i],
    [`<a href="vbscript:msgbox(1)">a</a>`, /vbscript/i],
    [`<svg/onload=alert(1)>`, /onload|svg/i],
    [`<meta http-equiv="refresh" content="0;url=https://evil.example">`, /meta|refresh/i],
    [`<base href="https://evil.example/">`, /base/i],
    [`<link rel="stylesheet" href="https://evil.example/x.css">`, /link|evil/i],
    [`<table background="https://t.example/bg.gif"><tr><td>x</td></tr></table>`, /background|t\.example/],
    [`<div style="background-image: url(&quot;https://t.example/p.gif&quot;)">x</div>`, /url|t\.example/],
    [`<img src="//t.example/p.gif">`, / src=/],
    [`<img srcset="https://t.example/p.gif 1x">`, /srcset/],
    [`<video poster="https://t.example/p.gif"></video>`, /video|poster/],
  ])("neutralises %s", (html, bad) => {
    expect(sanitizeEmailHtml(html)).not.toMatch(bad);
  });

  it("keeps presentational markup: tables, fonts, colours, harmless inline styles", () => {
    const html =
      `<table width="600" cellpadding="4" bgcolor="#eeeeee" style="border-collapse:collapse"><tr>` +
      `<td align="center" style="color:#333333;font-family:Arial">` +
      `<font face="Georgia" color="red" size="3"><b>Order</b> <i>shipped</i></font></td></tr></table>`;
    const out = sanitizeEmailHtml(html);
    expect(out).toBe(html);
  });

  it("drops dangerous CSS declarations but keeps the rest of the style", () => {
    expect(cleanInlineStyle("color:red; background:url(https://t.example/p.gif); font-weight:bold")).toBe(
      "color:red; font-weight:bold",
    );
    expect(cleanInlineStyle("width:expression(alert(1))")).toBe("");
    expect(cleanInlineStyle("position:fixed;top:0;left:0")).toBe("top:0; left:0");
    expect(cleanInlineStyle("background:u\\72l(x)")).toBe("");
    expect(cleanInlineStyle("background-image:image-set('https://t.example/a.png' 1x)")).toBe("");
    const out = sanitizeEmailHtml(`<div style="behavior:url(x.htc);color:blue">ok</div>`);
    expect(out).toBe(`<div style="color:blue">ok</div>`);
  });

  it("blocks remote images by default, keeps cid: and data: images, drops data: elsewhere", () => {
    const html =
      `<img src="https://tracker.example/open.gif" alt="pixel">` +
      `<img src="cid:logo@example.com" alt="logo">` +
      `<img src="data:image/png;base64,iVBORw0KGgo=" alt="dot">` +
      `<img src="data:image/svg+xml;base64,PHN2Zz4=" alt="svg">` +
      `<a href="data:text/html;base64,PHNjcmlwdD4=">open</a>`;
    const out = sanitizeEmailHtml(html);
    expect(out).not.toMatch(/ src="https:\/\/tracker/);
    expect(out).toContain(`<img alt="pixel" data-blocked-src="https://tracker.example/open.gif" />`);
    expect(out).toContain(`<img src="cid:logo@example.com" alt="logo" />`);
    expect(out).toContain(`<img src="data:image/png;base64,iVBORw0KGgo=" alt="dot" />`);
    expect(out).toContain(`<img alt="svg" />`);
    expect(out).not.toContain("data:text/html");
  });

  it("shows remote images when allowed", () => {
    const out = sanitizeEmailHtml(`<img src="https://cdn.example/logo.png">`, { allowRemoteImages: true });
    expect(out).toBe(`<img src="https://cdn.example/logo.png" />`);
  });

  it("opens links in a new tab without leaking the opener or referrer", () => {
    const out = sanitizeEmailHtml(`<a href="https://shop.example/track?id=1" target="_self" rel="opener">track</a>`);
    expect(out).toBe(`<a href="https://shop.example/track?id=1" target="_blank" rel="noopener noreferrer">track</a>`);
  });

  it("drops <style> and <head> content instead of leaking it as text", () => {
    const out = sanitizeEmailHtml(`<html><head><title>T</title><style>p{background:url(x)}</style></head><body><p>Body</p></body></html>`);
    expect(out).toBe("<p>Body</p>");
  });
});
