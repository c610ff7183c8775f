import MarkdownIt, { type Token } from "markdown-it";
import { slugifyHeading } from "./slug";

/**
 * The Markdown parser for help-center articles: CommonMark + GFM tables and strikethrough, bare URLs
 * turned into links. Raw HTML is parsed (articles imported from other help centers carry some) and
 * then cut down by the allowlist in sanitize.ts, which is the security boundary; the link check here
 * only keeps dangerous URLs from ever becoming an href in the first place.
 */
const md = new MarkdownIt("default", { html: true, linkify: true, typographer: false, breaks: false });

// markdown-it already refuses javascript:/vbscript:/file: and allows some data:image URLs; we refuse
// every data: URL too (images come from our storage or https only).
const BAD_PROTOCOL = /^(javascript|vbscript|file|data):/i;
// eslint-disable-next-line no-control-regex -- browsers ignore control characters inside a scheme
md.validateLink = (url: string) => !BAD_PROTOCOL.test(url.trim().replace(/[\u0000-\u0020]/g, ""));

export type TocEntry = { id: string; text: string; level: number };

type Env = { toc: TocEntry[]; text: string[] };

/** Article pages have the title as their one h1: headings in the body start at h2, order kept. */
function shiftHeadings(tokens: Token[]) {
  const levels = tokens.filter((t) => t.type === "heading_open").map((t) => Number(t.tag.slice(1)));
  if (levels.length === 0) return;
  const shift = Math.max(0, 2 - Math.min(...levels));
  if (shift === 0) return;
  for (const t of tokens) {
    if (t.type === "heading_open" || t.type === "heading_close") t.tag = `h${Math.min(6, Number(t.tag.slice(1)) + shift)}`;
  }
}

function inlineText(token: Token | undefined): string {
  if (!token?.children) return token?.content ?? "";
  let hidden = false; // inside an inline <script>/<style>, whose text the sanitizer drops too
  let out = "";
  for (const c of token.children) {
    if (c.type === "html_inline") {
      if (/^<(script|style)\b/i.test(c.content)) hidden = true;
      else if (/^<\/(script|style)\b/i.test(c.content)) hidden = false;
    } else if (hidden) continue;
    else if (c.type === "text" || c.type === "code_inline") out += c.content;
    else if (c.type === "softbreak" || c.type === "hardbreak") out += " ";
  }
  return out;
}

/** Stable ids ("password-reset", then "password-reset-2") so links to a section keep working. */
md.core.ruler.push("help_center_headings", (state) => {
  const env = state.env as Env;
  shiftHeadings(state.tokens);
  const used = new Map<string, number>();
  state.tokens.forEach((t, i) => {
    if (t.type !== "heading_open") return;
    const text = inlineText(state.tokens[i + 1]).trim();
    const base = slugifyHeading(text) || "section";
    const n = (used.get(base) ?? 0) + 1;
    used.set(base, n);
    const id = n === 1 ? base : `${base}-${n}`;
    t.attrSet("id", id);
    const level = Number(t.tag.slice(1));
    if (level <= 3) env.toc.push({ id, text, level });
  });
});

/** The reader-visible text, block by block, for excerpts and the search index. */
md.core.ruler.push("help_center_text", (state) => {
  const env = state.env as Env;
  for (const t of state.tokens) {
    if (t.type === "inline") env.text.push(inlineText(t));
    else if (t.type === "fence" || t.type === "code_block") env.text.push(t.content);
    else if (t.type === "html_block") env.text.push(stripTags(t.content));
  }
});

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

function stripTags(html: string): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1\s*>/gi, " ")
    .replace(/<[^>]*>/g, " ")
    .replace(/&(#x?[0-9a-f]+|[a-z]+);/gi, (m, e: string) => {
      if (e[0] !== "#") return ENTITIES[e.toLowerCase()] ?? m;
      const code = e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : " ";
    });
}

export function renderMarkdown(markdown: string): { html: string; toc: TocEntry[]; text: string } {
  const env: Env = { toc: [], text: [] };
  const html = md.render(markdown, env);
  const text = env.text.join("\n").replace(/[ \t\f\v\r]+/g, " ").replace(/\s*\n\s*/g, "\n").trim();
  return { html, toc: env.toc, text };
}
