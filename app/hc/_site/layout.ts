import type { PublicPortal } from "@/lib/help-center/public";
import { esc, jsonForScript, langTag, localeName, enc } from "./html";
import { siteCss, styleHash } from "./styles";
import { wordingFor } from "./wording";

/** How this request reached the portal: under /hc/{slug} on the app's host, or at / on its own domain. */
export type Site = {
  portal: PublicPortal;
  /** Prefix of links on this page: "/hc/{slug}" or "" on the custom domain. */
  base: string;
  /** Absolute base of canonical URLs: the custom domain when the portal has one. */
  canonicalBase: string;
  /** Origin of the app, where uploaded images are served (lib/help-center files). */
  appOrigin: string;
};

export type PageMeta = {
  title: string;
  description: string;
  locale: string;
  canonical?: string;
  alternates?: { hreflang: string; href: string }[];
  jsonLd?: object[];
  noindex?: boolean;
  ogType?: "website" | "article";
  /** Current locale's switcher targets; defaults to each locale's home. */
  localeLinks?: { locale: string; href: string }[];
};

const DEFAULT_ACCENT = "#1f6feb";

export function accentOf(portal: PublicPortal): string {
  return portal.color && /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.test(portal.color) ? portal.color : DEFAULT_ACCENT;
}

/** The page's Content-Security-Policy: no script at all, styles only by hash, forms only to us. */
export function pagePolicy(site: Site, css: string): string {
  return [
    "default-src 'none'",
    `style-src ${styleHash(css)}`,
    `img-src 'self' https: ${site.appOrigin}`,
    "form-action 'self'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join("; ");
}

export function renderPage(site: Site, meta: PageMeta, main: string): { html: string; csp: string } {
  const { portal } = site;
  const css = siteCss(accentOf(portal));
  const siteName = portal.pageTitle || portal.name;
  const title = meta.title === siteName ? siteName : `${meta.title} · ${siteName}`;
  const head = [
    `<meta charset="utf-8">`,
    `<meta name="viewport" content="width=device-width,initial-scale=1">`,
    `<title>${esc(title)}</title>`,
    `<meta name="description" content="${esc(meta.description)}">`,
    meta.noindex ? `<meta name="robots" content="noindex">` : "",
    meta.canonical ? `<link rel="canonical" href="${esc(meta.canonical)}">` : "",
    ...(meta.alternates ?? []).map((a) => `<link rel="alternate" hreflang="${esc(a.hreflang)}" href="${esc(a.href)}">`),
    `<meta property="og:site_name" content="${esc(siteName)}">`,
    `<meta property="og:type" content="${meta.ogType ?? "website"}">`,
    `<meta property="og:title" content="${esc(meta.title)}">`,
    `<meta property="og:description" content="${esc(meta.description)}">`,
    `<meta property="og:locale" content="${esc(meta.locale.replace("-", "_"))}">`,
    meta.canonical ? `<meta property="og:url" content="${esc(meta.canonical)}">` : "",
    `<meta name="twitter:card" content="summary">`,
    `<meta name="twitter:title" content="${esc(meta.title)}">`,
    `<meta name="twitter:description" content="${esc(meta.description)}">`,
    `<meta name="color-scheme" content="light dark">`,
    `<link rel="alternate" type="application/xml" title="Sitemap" href="${esc(site.base)}/sitemap.xml">`,
    `<style>${css}</style>`,
    ...(meta.jsonLd ?? []).map((j) => `<script type="application/ld+json">${jsonForScript(j)}</script>`),
  ].filter(Boolean);
  const locales = meta.localeLinks ?? portal.allowedLocales.map((l) => ({ locale: l, href: `${site.base}/${enc(l)}` }));
  const switcher = locales.length > 1
    ? `<nav class="locales" aria-label="${esc(wordingFor(meta.locale).language)}">${locales.map((l) => `<a href="${esc(l.href)}" hreflang="${esc(langTag(l.locale))}" lang="${esc(langTag(l.locale))}"${l.locale === meta.locale ? ' aria-current="true"' : ""}>${esc(localeName(l.locale))}</a>`).join("")}</nav>`
    : "";
  const homepage = portal.homepageLink && /^https?:\/\//i.test(portal.homepageLink)
    ? ` · <a href="${esc(portal.homepageLink)}" rel="noopener">${esc(new URL(portal.homepageLink).host)}</a>` : "";
  const html = `<!doctype html>
<html lang="${esc(langTag(meta.locale))}"><head>${head.join("\n")}</head>
<body><header class="site"><div class="wrap"><a class="brand" href="${esc(site.base)}/${enc(meta.locale)}">${esc(portal.name)}</a>${switcher}</div></header>
<main class="wrap">${main}</main>
<footer class="site"><div class="wrap">${esc(portal.name)}${homepage}</div></footer></body></html>`;
  return { html, csp: pagePolicy(site, css) };
}

export function searchForm(site: Site, locale: string, query = ""): string {
  const w = wordingFor(locale);
  return `<form class="search" role="search" method="get" action="${esc(site.base)}/${enc(locale)}/search"><label for="q" class="sr">${esc(w.searchArticles)}</label><input id="q" type="search" name="query" value="${esc(query)}" placeholder="${esc(w.searchArticles)}" maxlength="200" required><button type="submit">${esc(w.search)}</button></form>`;
}
