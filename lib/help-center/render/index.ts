import { renderMarkdown, type TocEntry } from "./markdown";
import { sanitizeArticleHtml } from "./sanitize";

export type { TocEntry };

export type RenderArticleOptions = {
  /**
   * Prefixes of our storage that images may load from, root-relative or absolute on the app's origin
   * (which may be http in development); https images always may.
   */
  imagePathPrefixes?: string[];
  /** Hosts (e.g. the portal's custom domain and the app's host) whose links are not "external". */
  internalHosts?: string[];
};

export type RenderedArticle = {
  /** Sanitized HTML for the article body: safe to put in a page as is. */
  html: string;
  /** Headings h2–h3 (after the body's headings are moved under the page's h1), in order. */
  toc: TocEntry[];
  /** What a reader sees, as plain text: for excerpts and the search index. */
  text: string;
};

/** Where article images are served from unless the caller says otherwise. */
export const DEFAULT_IMAGE_PATH_PREFIXES = ["/help-center/files/"];

/**
 * Markdown → the exact HTML readers see, rendered once on the server. The editor's preview and the
 * public site both call this, so what an author previews is what is published.
 */
export function renderArticle(markdown: string, options: RenderArticleOptions = {}): RenderedArticle {
  const { html, toc, text } = renderMarkdown(markdown);
  return {
    html: sanitizeArticleHtml(html, {
      imagePathPrefixes: options.imagePathPrefixes ?? DEFAULT_IMAGE_PATH_PREFIXES,
      internalHosts: options.internalHosts ?? [],
    }),
    toc,
    text,
  };
}

/**
 * A plain-text excerpt of at most `max` characters, cut at a word boundary ("…" when cut): meta
 * descriptions, link previews and search results.
 */
export function excerpt(text: string, max = 160): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:.–—-]+$/, "")}…`;
}

/** The excerpt of an article's Markdown without rendering its HTML. */
export function markdownExcerpt(markdown: string, max = 160): string {
  return excerpt(renderMarkdown(markdown).text, max);
}
