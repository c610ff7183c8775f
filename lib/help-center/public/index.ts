/** The public help center's data: what /hc pages read, search, feedback, the insights report. */
export { findPublicPortal, invalidatePortal, normalizeHost, type PortalKey, type PublicPortal } from "./portal";
export { isAllowedLocale, loadArticle, loadCategory, loadHome, loadSitemap, type LoadedArticle } from "./content";
export { recordSearch, searchArticles, type SearchHit, type SearchMode } from "./search";
export { findPublishedArticleId, isBot, parseSeen, recordVote, recordView, withSeen } from "./feedback";
export { loadHelpCenterInsights, type HelpCenterInsights } from "./insights";
export { clearPageCache, getCachedPage, makePage, putCachedPage, rememberRoute, routeKey, type CachedPage } from "./page-cache";
export { pageHeaders } from "./page-headers";
