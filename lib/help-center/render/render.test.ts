import { describe, expect, it } from "vitest";
import { excerpt, markdownExcerpt, renderArticle } from "./index";

const opts = { imagePathPrefixes: ["/hc/assets/", "http://localhost:3000/help-center/files/"], internalHosts: ["help.example.com"] };

describe("renderArticle: what readers see", () => {
  it("renders headings with stable ids under the page's h1 and returns the table of contents", () => {
    const { html, toc } = renderArticle("# Getting started\n\ntext\n\n## Reset your password\n\n## Reset your password\n\n### Réglages *avancés*\n\n#### Deep", opts);
    expect(html).toContain('<h2 id="getting-started">Getting started</h2>');
    expect(html).toContain('<h3 id="reset-your-password">');
    expect(html).toContain('<h3 id="reset-your-password-2">');
    expect(html).toContain('<h4 id="reglages-avances">Réglages <em>avancés</em></h4>');
    expect(html).not.toMatch(/<h1/);
    expect(toc).toEqual([
      { id: "getting-started", text: "Getting started", level: 2 },
      { id: "reset-your-password", text: "Reset your password", level: 3 },
      { id: "reset-your-password-2", text: "Reset your password", level: 3 },
    ]);
  });

  it("keeps ids the same for the same text, and non-Latin headings readable", () => {
    const a = renderArticle("## パスワードの再設定\n\n## Ünïcödé 2", opts);
    const b = renderArticle("intro\n\n## パスワードの再設定\n\n## Ünïcödé 2", opts);
    expect(a.toc.map((t) => t.id)).toEqual(["パスワードの再設定", "unicode-2"]);
    expect(b.toc).toEqual(a.toc);
    expect(a.html).toContain('id="パスワードの再設定"');
  });

  it("renders code blocks, inline code and tables (alignment as a class, no inline style)", () => {
    const { html } = renderArticle("```js\nconst a = '<b>';\n```\n\nUse `npm <x>`.\n\n| Plan | Price |\n|:-----|------:|\n| Pro | 10 |", opts);
    expect(html).toContain('<pre><code class="language-js">const a = \'&lt;b&gt;\';\n</code></pre>');
    expect(html).toContain("<code>npm &lt;x&gt;</code>");
    expect(html).toContain('<th class="align-left">Plan</th>');
    expect(html).toContain('<td class="align-right">10</td>');
    expect(html).not.toContain("style=");
  });

  it("marks external links nofollow noopener and leaves our own links alone", () => {
    const { html } = renderArticle("[a](https://other.example/x) [b](https://help.example.com/hc/p/articles/1) [c](/hc/p/articles/2) [d](#reset) <https://auto.example> mailto:x@y.example", opts);
    expect(html).toContain('<a href="https://other.example/x" rel="nofollow noopener">a</a>');
    expect(html).toContain('<a href="https://help.example.com/hc/p/articles/1">b</a>');
    expect(html).toContain('<a href="/hc/p/articles/2">c</a>');
    expect(html).toContain('<a href="#reset">d</a>');
    expect(html).toContain('<a href="https://auto.example" rel="nofollow noopener">');
  });

  it("loads images only from https or our storage paths", () => {
    const { html } = renderArticle(
      "![ok](https://cdn.example/a.png) ![ours](/hc/assets/1/b.png) ![http](http://cdn.example/c.png) " +
        "![data](data:image/png;base64,iVBORw0KGgo=) ![other](/api/accounts/1/attachments/2) ![proto](//evil.example/x.png) " +
        "![up](/hc/assets/../../api/x.png) ![app](http://localhost:3000/help-center/files/k/a.png) ![elsewhere](http://localhost:3000/api/x.png)",
      opts,
    );
    expect(html).toContain('<img alt="ok" loading="lazy" src="https://cdn.example/a.png" />');
    expect(html).toContain('src="/hc/assets/1/b.png"');
    expect(html).toContain('src="http://localhost:3000/help-center/files/k/a.png"');
    expect(html.match(/<img/g)).toHaveLength(3);
    expect(html).not.toMatch(/src="(http:\/\/cdn|data:|\/api|\/\/|[^"]*\.\.|[^"]*\/api\/)/);
  });
});

describe("renderArticle: XSS payloads", () => {
  it.each([
    ["<script>alert(1)</script>", /<script|alert/],
    ["text <script>alert(1)</script> more", /<script/],
    ['<img src="https://x.example/a.png" onerror="alert(1)">', /onerror/],
    ["[x](javascript:alert(1))", /<a|href/i],
    ["[x](JaVaScRiPt:alert(1))", /<a|href/i],
    ["[x](java\tscript:alert(1))", /href="[^"]*script:/i],
    ["[x](&#106;avascript:alert(1))", /<a|href/i],
    ['<a href="javascript&colon;alert(1)">x</a>', /javascript/i],
    ['<a href="  javascript:alert(1)">x</a>', /javascript/i],
    ["[x](vbscript:msgbox(1))", /<a|href/i],
    ["[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)", /<a|href/i],
    ['<a href="data:text/html,<script>alert(1)</script>">x</a>', /data:|<script/i],
    ["![x](javascript:alert(1))", /<img|src=/i],
    ['<iframe src="https://evil.example"></iframe>', /iframe|evil/],
    ['<svg onload="alert(1)"><script>alert(2)</script></svg>', /svg|onload|alert/],
    ['<math><mi xlink:href="javascript:alert(1)">x</mi></math>', /math|xlink|javascript/],
    ['<form action="https://evil.example"><input name="password"><button>Go</button></form>', /<form|<input|<button/],
    ['<p style="background:url(https://t.example/p.gif)">x</p>', /style|t\.example/],
    ['<style>body{display:none}</style>', /<style|display/],
    ['<meta http-equiv="refresh" content="0;url=https://evil.example">', /meta|evil/],
    ['<base href="https://evil.example/">', /base|evil/],
    ['<link rel="stylesheet" href="https://evil.example/x.css">', /<link|evil/],
    ['<object data="x.swf"></object><embed src="x.swf">', /object|embed|swf/],
    ['<div onclick="steal()" class="x" id="main">hi</div>', /onclick|class=|id=/],
    ['<h2 id="x&quot; onmouseover=&quot;alert(1)">t</h2>', /onmouseover|alert/],
    ['<img src="https://x.example/a.png" srcset="https://t.example/p.gif 1x">', /srcset|t\.example/],
    ['<a href="https://ok.example" target="_blank" rel="opener">x</a>', /target|rel="opener"/],
    ["<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>", /onerror|<img/],
    ['<template><script>alert(1)</script></template>', /template|alert/],
    ["<!--><script>alert(1)</script>-->", /<script/],
  ])("neutralises %s", (markdown, bad) => {
    const { html } = renderArticle(markdown, opts);
    expect(html).not.toMatch(bad);
  });

  it("keeps the text of a Markdown link whose URL was refused", () => {
    expect(renderArticle("[click here](javascript:alert(1))", opts).html).toBe("<p>[click here](javascript:alert(1))</p>\n");
  });
});

describe("plain text and excerpts", () => {
  it("returns the reader-visible text without markup, code fences' content kept", () => {
    const { text } = renderArticle("# Title\n\nSome **bold** and [a link](https://x.example).\n\n<div>raw &amp; <b>html</b></div>\n\n```\ncode here\n```\n\ninline <script>alert(1)</script> end", opts);
    expect(text).toBe("Title\nSome bold and a link.\nraw & html\ncode here\ninline end");
  });

  it("cuts excerpts at a word boundary with an ellipsis", () => {
    expect(excerpt("short text")).toBe("short text");
    const long = "Reset your password from the sign-in page. ".repeat(10);
    const out = excerpt(long, 60);
    expect(out.length).toBeLessThanOrEqual(60);
    expect(out.endsWith("…")).toBe(true);
    expect(out).toBe("Reset your password from the sign-in page. Reset your…");
    expect(markdownExcerpt("## Heading\n\nThe **first** paragraph.", 200)).toBe("Heading The first paragraph.");
  });
});
