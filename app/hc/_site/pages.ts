import type { LoadedArticle, SearchHit } from "@/lib/help-center/public";
import type { loadCategory, loadHome } from "@/lib/help-center/public";
import { excerpt, renderArticle } from "@/lib/help-center/render";
import { enc, esc, formatDate, langTag, localeName } from "./html";
import { renderPage, searchForm, type Site } from "./layout";
import { articleJsonLd, breadcrumbJsonLd, xDefault } from "./seo";
import { wordingFor } from "./wording";

type Home = Awaited<ReturnType<typeof loadHome>>;
type CategoryPage = NonNullable<Awaited<ReturnType<typeof loadCategory>>>;

const articleHref = (site: Site, slug: string) => `${site.base}/articles/${enc(slug)}`;
const categoryHref = (site: Site, locale: string, slug: string) => `${site.base}/${enc(locale)}/categories/${enc(slug)}`;

function articleList(site: Site, list: { slug: string; title: string; description?: string | null }[], withDescription = false): string {
  return list.map((a) => `<li><a href="${esc(articleHref(site, a.slug))}">${esc(a.title)}</a>${withDescription && a.description ? `<br><span class="muted">${esc(a.description)}</span>` : ""}</li>`).join("");
}

export function homePage(site: Site, locale: string, data: Home) {
  const { portal } = site;
  const w = wordingFor(locale);
  const title = portal.pageTitle || portal.name;
  const cards = data.categories.map((c) => `<section class="card"><h2>${c.icon ? `${esc(c.icon)} ` : ""}<a href="${esc(categoryHref(site, locale, c.slug))}">${esc(c.name)}</a></h2>${c.description ? `<p class="muted">${esc(c.description)}</p>` : ""}<ul>${articleList(site, c.articles)}</ul>${c.articleCount > c.articles.length ? `<p><a href="${esc(categoryHref(site, locale, c.slug))}">${esc(w.allArticles(c.articleCount))}</a></p>` : ""}</section>`);
  if (data.uncategorised.length > 0) cards.push(`<section class="card"><h2>${esc(w.otherArticles)}</h2><ul>${articleList(site, data.uncategorised)}</ul></section>`);
  const popular = data.popular.length > 0 ? `<section><h2>${esc(w.popularArticles)}</h2><ul class="list">${articleList(site, data.popular, true)}</ul></section>` : "";
  const main = `<div class="hero"><h1>${esc(portal.headerText || title)}</h1>${searchForm(site, locale)}</div>
<div class="grid">${cards.join("") || `<p class="muted">${esc(w.noArticlesYet)}</p>`}</div>${popular}`;
  const canonical = `${site.canonicalBase}/${enc(locale)}`;
  return renderPage(site, {
    title, locale, canonical, description: portal.headerText || w.homeDescription(portal.name),
    alternates: portal.allowedLocales.length > 1 ? withXDefault(portal.allowedLocales.map((l) => ({ locale: l, href: `${site.canonicalBase}/${enc(l)}` })), portal.defaultLocale) : [],
  }, main);
}

export function categoryPage(site: Site, locale: string, data: CategoryPage) {
  const { category } = data;
  const w = wordingFor(locale);
  const crumbs = [{ name: site.portal.name, href: `${site.base}/${enc(locale)}` }, ...(data.parent ? [{ name: data.parent.name, href: categoryHref(site, locale, data.parent.slug) }] : []), { name: category.name }];
  const children = data.children.length > 0 ? `<h2>${esc(w.sections)}</h2><ul class="list">${data.children.map((c) => `<li><a href="${esc(categoryHref(site, c.locale, c.slug))}">${esc(c.name)}</a></li>`).join("")}</ul>` : "";
  const main = `${breadcrumbs(crumbs, w.breadcrumb)}<div class="narrow"><h1>${category.icon ? `${esc(category.icon)} ` : ""}${esc(category.name)}</h1>${category.description ? `<p class="muted">${esc(category.description)}</p>` : ""}
${children}<ul class="list">${articleList(site, data.articles, true) || `<li class="muted">${esc(w.noArticlesInCategory)}</li>`}</ul></div>`;
  const canonical = `${site.canonicalBase}/${enc(locale)}/categories/${enc(category.slug)}`;
  const alternates = data.translations.length > 1 ? withXDefault(data.translations.map((t) => ({ locale: t.locale, href: `${site.canonicalBase}/${enc(t.locale)}/categories/${enc(t.slug)}` })), site.portal.defaultLocale) : [];
  return renderPage(site, {
    title: category.name, locale, canonical, alternates,
    description: category.description || w.categoryDescription(category.name, site.portal.name),
    localeLinks: localeLinks(site, data.translations.map((t) => ({ locale: t.locale, href: categoryHref(site, t.locale, t.slug) }))),
    jsonLd: [breadcrumbJsonLd(absolute(site, crumbs))],
  }, main);
}

export function articlePage(site: Site, data: LoadedArticle, opts: { preview: boolean; thanks: boolean }) {
  const { article, category } = data;
  const locale = article.locale;
  const w = wordingFor(locale);
  const rendered = renderArticle(article.content, {
    imagePathPrefixes: ["/help-center/files/", `${site.appOrigin}/help-center/files/`],
    internalHosts: [new URL(site.canonicalBase).host, new URL(site.appOrigin).host],
  });
  const description = article.meta?.description || article.description || excerpt(rendered.text, 160);
  const canonical = `${site.canonicalBase}/articles/${enc(article.slug)}`;
  const crumbs = [{ name: site.portal.name, href: `${site.base}/${enc(locale)}` }, ...(category ? [{ name: category.name, href: categoryHref(site, locale, category.slug) }] : []), { name: article.title }];
  const hasToc = rendered.toc.length >= 3;
  const toc = hasToc ? `<nav class="toc" aria-label="${esc(w.onThisPage)}"><strong>${esc(w.onThisPage)}</strong><ol>${rendered.toc.map((t) => `<li class="l${t.level}"><a href="#${esc(t.id)}">${esc(t.text)}</a></li>`).join("")}</ol></nav>` : "";
  const others = data.translations.filter((t) => t.locale !== locale);
  const translations = others.length > 0 ? `<p class="muted">${esc(w.alsoIn)} ${others.map((t) => `<a href="${esc(articleHref(site, t.slug))}" hreflang="${esc(langTag(t.locale))}" lang="${esc(langTag(t.locale))}">${esc(localeName(t.locale))}</a>`).join(", ")}</p>` : "";
  const updated = article.updatedAt;
  const byline = `<p class="muted">${data.authorName ? `${esc(data.authorName)} · ` : ""}${esc(w.updated)} <time datetime="${updated.toISOString()}">${esc(formatDate(updated, locale))}</time></p>`;
  const feedback = opts.preview ? "" : opts.thanks
    ? `<section class="feedback" id="feedback"><p>${esc(w.thanks)}</p></section>`
    : `<section class="feedback" id="feedback"><p>${esc(w.helpful)}</p>${voteForm(site, article.slug, "yes", esc(w.yes))}${voteForm(site, article.slug, "no", esc(w.no))}</section>`;
  const beacon = opts.preview ? "" : `<img class="beacon" src="${esc(articleHref(site, article.slug))}/view.gif" alt="" width="1" height="1">`;
  const banner = opts.preview ? `<p class="banner" role="status">${article.status === "archived" ? "Archived" : "Draft"} — not public. Only agents of this account see this preview.</p>` : "";
  const main = `${banner}${breadcrumbs(crumbs, w.breadcrumb)}<div class="layout${hasToc ? " has-toc" : ""}">${toc}<article class="narrow"><h1>${esc(article.title)}</h1>${byline}${translations}
<div class="body">${rendered.html}</div>${feedback}</article></div>${beacon}`;
  const alternates = data.translations.length > 1 ? withXDefault(data.translations.map((t) => ({ locale: t.locale, href: `${site.canonicalBase}/articles/${enc(t.slug)}` })), site.portal.defaultLocale) : [];
  return renderPage(site, {
    title: article.meta?.title || article.title, description, locale, canonical, alternates, noindex: opts.preview, ogType: "article",
    localeLinks: localeLinks(site, data.translations.map((t) => ({ locale: t.locale, href: articleHref(site, t.slug) }))),
    jsonLd: [articleJsonLd(site, data, canonical, description), breadcrumbJsonLd(absolute(site, crumbs.slice(0, -1)).concat({ name: article.title, href: canonical }))],
  }, main);
}

function voteForm(site: Site, slug: string, value: "yes" | "no", label: string): string {
  return `<form method="post" action="${esc(articleHref(site, slug))}/feedback"><input type="hidden" name="helpful" value="${value}"><button type="submit"${value === "no" ? ' class="secondary"' : ""}>${label}</button></form>`;
}

export function searchPage(site: Site, locale: string, query: string, hits: SearchHit[]) {
  const w = wordingFor(locale);
  const list = hits.map((h) => `<li><a href="${esc(articleHref(site, h.slug))}">${esc(h.title)}</a>${h.categoryName ? ` <span class="muted">· ${esc(h.categoryName)}</span>` : ""}<br><span class="muted">${h.snippetHtml}</span></li>`).join("");
  const heading = esc(query ? w.results(hits.length, query) : w.search);
  const main = `<div class="narrow"><h1>${heading}</h1>${searchForm(site, locale, query)}<ul class="list">${list || (query ? `<li>${esc(w.noResults)} <a href="${esc(site.base)}/${enc(locale)}">${esc(w.browseCategories)}</a>.</li>` : "")}</ul></div>`;
  return renderPage(site, { title: query ? w.searchTitle(query) : w.search, description: w.searchDescription(site.portal.name), locale, noindex: true }, main);
}

export function notFoundPage(site: Site, locale: string) {
  const w = wordingFor(locale);
  const main = `<div class="narrow"><h1>${esc(w.notFound)}</h1><p>${esc(w.notFoundText)}</p>${searchForm(site, locale)}<p><a href="${esc(site.base)}/${enc(locale)}">${esc(w.backHome)}</a></p></div>`;
  return renderPage(site, { title: w.notFound, description: w.notFound, locale, noindex: true }, main);
}

function breadcrumbs(items: { name: string; href?: string }[], label: string): string {
  return `<nav class="crumbs" aria-label="${esc(label)}"><ol>${items.map((i) => `<li>${i.href ? `<a href="${esc(i.href)}">${esc(i.name)}</a>` : `<span aria-current="page">${esc(i.name)}</span>`}</li>`).join("")}</ol></nav>`;
}

/** Crumb links made absolute on the canonical base, for JSON-LD. */
function absolute(site: Site, items: { name: string; href?: string }[]): { name: string; href: string }[] {
  return items.filter((i): i is { name: string; href: string } => !!i.href).map((i) => ({ name: i.name, href: `${site.canonicalBase}${i.href.slice(site.base.length)}` }));
}

function withXDefault(list: { locale: string; href: string }[], defaultLocale: string) {
  const alternates = list.map((l) => ({ hreflang: langTag(l.locale), href: l.href }));
  return [...alternates, { hreflang: "x-default", href: xDefault(list, defaultLocale) }];
}

/** The language switcher: each locale's translation where there is one, else that locale's home. */
function localeLinks(site: Site, translations: { locale: string; href: string }[]) {
  return site.portal.allowedLocales.map((l) => translations.find((t) => t.locale === l) ?? { locale: l, href: `${site.base}/${enc(l)}` });
}
