import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Page } from "playwright-core";

/**
 * Hostile-content helpers for the XSS probe (tests/e2e/xss-vectors.test.ts): a beacon server that
 * records what a script would call, the payload every vector carries, the vectors themselves,
 * and a look at a page (and every frame in it) for what a payload would leave behind.
 */
export type Beacon = { base: string; hits: string[]; imageHits: string[]; stop: () => Promise<void> };

const GIF = Buffer.from("R0lGODlhAQABAIAAAAAAAP///ywAAAAAAQABAAACAUwAOw==", "base64");

/** `/x/<vector>` is what a payload calls; `/img/…` serves a harmless remote image; `/control` runs a script on purpose. */
export async function startBeacon(): Promise<Beacon> {
  const hits: string[] = [];
  const imageHits: string[] = [];
  const server = http.createServer((req, res) => {
    const url = req.url ?? "/";
    if (url.startsWith("/img/")) {
      imageHits.push(url);
      res.writeHead(200, { "content-type": "image/gif", "cache-control": "no-store" }).end(GIF);
    } else if (url === "/control") {
      res.writeHead(200, { "content-type": "text/html" }).end(controlPage(base));
    } else {
      if (url.startsWith("/x/")) hits.push(url.slice(3));
      res.writeHead(204, { "access-control-allow-origin": "*", "cache-control": "no-store" }).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const stop = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return { base, hits, imageHits, stop };
}

/**
 * What a vector does if it runs: marks the top window and its title, calls the beacon (fetch and
 * an image, in case a CSP stops one), then alerts. No spaces or double quotes, so it fits in an
 * unquoted or double-quoted attribute and in a javascript: URL.
 */
export function payload(base: string, name: string): string {
  const url = `${base}/x/${name}`;
  return (
    `try{top.__xss=(top.__xss||'')+'|${name}'}catch(e){};try{top.document.title='XSS:${name}'}catch(e){};` +
    `fetch('${url}',{mode:'no-cors'}).catch(function(){});new(Image)().src='${url}';alert('XSS:${name}')`
  );
}

/** A shorter payload for fields with a length limit (names, filenames): the global and an alert. */
export const shortPayload = (name: string) => `top.__xss='|${name}';alert('XSS:${name}')`;

function controlPage(base: string): string {
  const frame = `<script>${payload(base, "control-frame")}</script>`.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
  return `<!doctype html><title>control</title><script>${payload(base, "control")}</script><iframe srcdoc="${frame}"></iframe>`;
}

export type Vector = { name: string; html: string };

const b64 = (s: string) => Buffer.from(s).toString("base64");

/** The HTML-body vectors, grouped into mails; a vector that may swallow what follows it comes last in its mail. */
export function htmlVectorMails(base: string): Vector[][] {
  const P = (name: string) => payload(base, name);
  const dataHtml = (name: string) => `data:text/html;base64,${b64(`<script>${P(name)}</script>`)}`;
  const escaped = (s: string) => s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  return [
    [
      { name: "script-tag", html: `<script>${P("script-tag")}</script>` },
      { name: "img-onerror", html: `<img src="x" onerror="${P("img-onerror")}">` },
      { name: "body-onload", html: `<body onload="${P("body-onload")}">` },
      { name: "remote-image", html: `<img src="${base}/img/remote.gif" alt="remote picture">` },
    ],
    [
      { name: "svg-onload", html: `<svg onload="${P("svg-onload")}"><rect width="1" height="1"/></svg>` },
      { name: "svg-script", html: `<svg><script>${P("svg-script")}</script></svg>` },
      { name: "svg-animate-href", html: `<svg><a><animate attributeName="href" values="javascript:${P("svg-animate-href")}"/><text x="10" y="20">svg link</text></a></svg>` },
      { name: "base-href", html: `<base href="javascript:${P("base-href")}//"><a href="relative/page">relative link</a>` },
    ],
    [
      { name: "link-javascript", html: `<a href="javascript:${P("link-javascript")}">js link</a>` },
      { name: "link-data", html: `<a href="${dataHtml("link-data")}">data link</a>` },
      { name: "link-entity", html: `<a href="&#106;avascript:${P("link-entity")}">entity link</a>` },
      { name: "link-vbscript", html: `<a href="vbscript:msgbox('XSS')">vb link</a>` },
      { name: "iframe-srcdoc", html: `<iframe srcdoc="${escaped(`<script>${P("iframe-srcdoc")}</script>`)}"></iframe>` },
    ],
    [
      { name: "object-data", html: `<object data="${dataHtml("object-data")}" type="text/html"></object>` },
      { name: "embed-src", html: `<embed src="${dataHtml("embed-src")}" type="text/html">` },
      { name: "form-action", html: `<form action="javascript:${P("form-action")}"><button>Send form</button></form>` },
      { name: "form-autofocus", html: `<form><input autofocus onfocus="${P("form-autofocus")}"></form>` },
      { name: "meta-refresh", html: `<meta http-equiv="refresh" content="0;url=javascript:${P("meta-refresh")}">` },
    ],
    [
      { name: "css-url", html: `<div style="background-image:url(${base}/x/css-url)">css url</div>` },
      { name: "css-javascript-url", html: `<div style="background:url('javascript:${P("css-javascript-url")}')">css js url</div>` },
      { name: "css-expression", html: `<div style="width:expression(${P("css-expression")})">css expression</div>` },
      { name: "css-escape", html: `<div style="background:\\75 rl(${base}/x/css-escape)">css escape</div>` },
      { name: "css-import", html: `<style>@import url(${base}/x/css-import);</style>` },
      { name: "link-stylesheet", html: `<link rel="stylesheet" href="${base}/x/link-stylesheet">` },
      { name: "mxss-noscript", html: `<noscript><p title="</noscript><img src=x onerror=${P("mxss-noscript")}>">` },
    ],
    [
      { name: "template", html: `<template><img src="x" onerror="${P("template")}"><script>${P("template")}</script></template>` },
      { name: "textarea-breakout", html: `<textarea><img title="</textarea><img src=x onerror=${P("textarea-breakout")}>"></textarea>` },
      { name: "details-ontoggle", html: `<details open ontoggle="${P("details-ontoggle")}"><summary>details summary</summary>details body</details>` },
      { name: "video-source-onerror", html: `<video><source onerror="${P("video-source-onerror")}"></video>` },
      { name: "mxss-svg-style", html: `<svg><style><img src=x onerror=${P("mxss-svg-style")}></style></svg>` },
    ],
    [
      { name: "img-srcset-javascript", html: `<img srcset="javascript:${P("img-srcset-javascript")}">` },
      { name: "img-srcset-remote", html: `<img src="x" srcset="${base}/x/img-srcset-remote 1x">` },
      { name: "isindex", html: `<isindex action="javascript:${P("isindex")}" type="image" src="x" onerror="${P("isindex")}">` },
      { name: "input-autofocus", html: `<input onfocus="${P("input-autofocus")}" autofocus>` },
      { name: "marquee-onstart", html: `<marquee onstart="${P("marquee-onstart")}">marquee text</marquee>` },
      { name: "mxss-math", html: `<math><mtext><table><mglyph><style><img src=x onerror=${P("mxss-math")}>` },
    ],
  ];
}

/** Each vector follows a harmless paragraph that must still be shown: proof the mail rendered. */
export const marker = (name: string) => `Safe text before ${name}.`;
export const vectorBody = (vectors: Vector[]) =>
  `<html><head><title>mail</title></head><body><p>Hello from the vector mail.</p>${vectors.map((v) => `<p>${marker(v.name)}</p>${v.html}`).join("\n")}</body></html>`;

export type PageLook = { globals: string[]; titles: string[]; dangerous: string[]; frameTexts: string[] };

/**
 * What a payload would leave in the page or any same-origin frame (the email frames keep
 * allow-same-origin, so the top document reaches them): the global, the title, and any element
 * or attribute that could run code if clicked or loaded.
 */
export async function lookAtPage(page: Page): Promise<PageLook> {
  return page.evaluate(() => {
    const out = { globals: [] as string[], titles: [] as string[], dangerous: [] as string[], frameTexts: [] as string[] };
    const urlAttrs = ["href", "src", "action", "formaction", "data", "srcset", "xlink:href", "values", "background", "poster"];
    const visit = (win: Window, isTop: boolean) => {
      const doc = win.document;
      const marked = (win as unknown as { __xss?: string }).__xss;
      if (marked) out.globals.push(marked);
      if (isTop) out.titles.push(doc.title);
      else out.frameTexts.push(doc.body?.innerText ?? "");
      for (const el of doc.querySelectorAll("*")) {
        const tag = el.tagName.toLowerCase();
        if (!isTop && ["script", "iframe", "object", "embed", "base", "form", "link", "svg", "math", "template"].includes(tag)) out.dangerous.push(`<${tag}>`);
        if (tag === "meta" && /refresh/i.test(el.getAttribute("http-equiv") ?? "")) out.dangerous.push("<meta refresh>");
        for (const attr of el.attributes) {
          if (/^on/i.test(attr.name)) out.dangerous.push(`<${tag} ${attr.name}>`);
          if (urlAttrs.includes(attr.name.toLowerCase()) && /^\s*(javascript|vbscript|data:text)/i.test(attr.value)) out.dangerous.push(`<${tag} ${attr.name}=${attr.value.slice(0, 30)}>`);
        }
      }
      for (const frame of doc.querySelectorAll("iframe")) if (frame.contentWindow) visit(frame.contentWindow, false);
    };
    visit(window, true);
    return out;
  });
}
