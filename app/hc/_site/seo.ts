import type { LoadedArticle } from "@/lib/help-center/public";
import { langTag } from "./html";
import type { Site } from "./layout";

/** schema.org Article for an article page (what search engines show as its dates and author). */
export function articleJsonLd(site: Site, data: LoadedArticle, canonical: string, description: string) {
  const { article } = data;
  return {
    "@context": "https://schema.org",
    "@type": "Article",
    headline: article.title.slice(0, 110),
    description,
    inLanguage: langTag(article.locale),
    datePublished: (article.publishedAt ?? article.createdAt).toISOString(),
    dateModified: article.updatedAt.toISOString(),
    author: data.authorName ? { "@type": "Person", name: data.authorName } : { "@type": "Organization", name: site.portal.name },
    publisher: { "@type": "Organization", name: site.portal.name },
    mainEntityOfPage: { "@type": "WebPage", "@id": canonical },
    url: canonical,
  };
}

export function breadcrumbJsonLd(items: { name: string; href: string }[]) {
  return {
    "@context": "https://schema.org",
    "@type": "BreadcrumbList",
    itemListElement: items.map((item, i) => ({ "@type": "ListItem", position: i + 1, name: item.name, item: item.href })),
  };
}

/** x-default: the version in the portal's default locale, else the first. */
export function xDefault(list: { locale: string; href: string }[], defaultLocale: string): string {
  return (list.find((l) => l.locale === defaultLocale) ?? list[0]).href;
}

const xml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

type SitemapData = {
  articles: { slug: string; locale: string; updatedAt: Date; group: number }[];
  categories: { slug: string; locale: string; updatedAt: Date }[];
};

/** sitemap.xml with lastmod, and xhtml:link alternates for translated articles. */
export function sitemapXml(site: Site, data: SitemapData): string {
  const base = site.canonicalBase;
  const urls: string[] = [];
  const newest = (dates: Date[]) => (dates.length ? new Date(Math.max(...dates.map((d) => d.getTime()))) : null);
  for (const locale of site.portal.allowedLocales) {
    const lastmod = newest(data.articles.filter((a) => a.locale === locale).map((a) => a.updatedAt));
    urls.push(`<url><loc>${xml(`${base}/${encodeURIComponent(locale)}`)}</loc>${lastmod ? `<lastmod>${lastmod.toISOString()}</lastmod>` : ""}</url>`);
  }
  for (const c of data.categories) {
    urls.push(`<url><loc>${xml(`${base}/${encodeURIComponent(c.locale)}/categories/${encodeURIComponent(c.slug)}`)}</loc><lastmod>${c.updatedAt.toISOString()}</lastmod></url>`);
  }
  const groups = new Map<number, SitemapData["articles"]>();
  for (const a of data.articles) groups.set(a.group, [...(groups.get(a.group) ?? []), a]);
  for (const a of data.articles) {
    const group = groups.get(a.group) ?? [a];
    const alternates = group.length > 1
      ? group.map((o) => `<xhtml:link rel="alternate" hreflang="${xml(langTag(o.locale))}" href="${xml(`${base}/articles/${encodeURIComponent(o.slug)}`)}"/>`).join("")
      : "";
    urls.push(`<url><loc>${xml(`${base}/articles/${encodeURIComponent(a.slug)}`)}</loc><lastmod>${a.updatedAt.toISOString()}</lastmod>${alternates}</url>`);
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n${urls.join("\n")}\n</urlset>\n`;
}
