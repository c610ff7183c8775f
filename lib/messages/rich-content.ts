import MarkdownIt from "markdown-it";
import { convert } from "html-to-text";
import { sanitizeAgentHtml } from "@/lib/email/content/sanitize-html";

/**
 * What an agent's message is written in: `text` (plain, as the API always took it), `html` (the
 * composer's editor) or `markdown` (an API client that wants formatting, as Chatwoot renders its
 * agents' messages). See docs/composer.md, Rich text.
 */
export type ContentFormat = "text" | "html" | "markdown";

// Raw HTML inside Markdown is not rendered: formatting comes from Markdown alone.
const markdown = new MarkdownIt("default", { html: false, linkify: true, breaks: true });

type Node = { data?: string; children?: Node[] };
const textOf = (node: Node): string => node.data ?? (node.children ?? []).map(textOf).join("");

/** The plain-text part of an HTML reply: lists, links (`text <url>`), quotes (`> `) and code kept readable. */
export function htmlToPlainText(html: string): string {
  return convert(html, {
    wordwrap: false,
    formatters: {
      inlineCode: (elem, walk, builder) => {
        builder.addInline("`");
        walk(elem.children, builder);
        builder.addInline("`");
      },
      // A code block keeps its exact lines, between fences as Markdown readers expect.
      codeBlock: (elem, _walk, builder) => {
        builder.openBlock({ leadingLineBreaks: 2 });
        builder.addLiteral("```\n" + textOf(elem).replace(/\n$/, "") + "\n```");
        builder.closeBlock({ trailingLineBreaks: 2 });
      },
      // Chatwoot's @mention markup, which the server reads to notify (lib/conversations/mentions.ts).
      mention: (elem, walk, builder) => {
        builder.addInline("[");
        walk(elem.children, builder);
        builder.addInline(`](${String(elem.attribs?.href ?? "")})`);
      },
    },
    selectors: [
      { selector: "a[href^='mention:']", format: "mention" },
      { selector: "a", options: { linkBrackets: ["<", ">"], hideLinkHrefIfSameAsText: true } },
      { selector: "h1", options: { uppercase: false } },
      { selector: "h2", options: { uppercase: false } },
      { selector: "h3", options: { uppercase: false } },
      { selector: "ul", options: { itemPrefix: "- " } },
      { selector: "code", format: "inlineCode" },
      { selector: "pre", format: "codeBlock" },
      { selector: "hr", options: { length: 20 } },
    ],
  }).trim();
}

/**
 * The stored form of an agent's message: its plain text (`content`, what the API, previews,
 * search and notifications read) and, when formatted, its sanitized HTML (`contentHtml`, what the
 * thread shows and the mail's HTML part carries). Plain text stays exactly as given.
 */
export function richContent(content: string, format: ContentFormat): { content: string; contentHtml: string | null } {
  if (format === "text") return { content, contentHtml: null };
  const html = sanitizeAgentHtml(format === "markdown" ? markdown.render(content) : content);
  return { content: htmlToPlainText(html), contentHtml: html };
}

/**
 * A signature as stored: sanitized HTML, or null when empty. HTML comes from the editor; anything
 * else (Chatwoot clients send Markdown in `message_signature`) is read as Markdown.
 */
export function signatureHtml(value: string | null): string | null {
  if (value === null || !value.trim()) return null;
  const html = sanitizeAgentHtml(value.trimStart().startsWith("<") ? value : markdown.render(value));
  return htmlToPlainText(html) ? html : null;
}
