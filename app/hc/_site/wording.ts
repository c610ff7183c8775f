/**
 * The public site's own words (headings, buttons, labels — not the portal's content) in the page's
 * locale: the language of the locale code (`pt_BR` → Portuguese), English for languages not here.
 * Agents' preview banner stays English, like the dashboard.
 */
export type Wording = {
  searchArticles: string;
  search: string;
  searchTitle: (query: string) => string;
  searchDescription: (portal: string) => string;
  results: (count: number, query: string) => string;
  noResults: string;
  browseCategories: string;
  allArticles: (count: number) => string;
  otherArticles: string;
  popularArticles: string;
  noArticlesYet: string;
  homeDescription: (portal: string) => string;
  sections: string;
  noArticlesInCategory: string;
  categoryDescription: (category: string, portal: string) => string;
  onThisPage: string;
  alsoIn: string;
  updated: string;
  helpful: string;
  yes: string;
  no: string;
  thanks: string;
  notFound: string;
  notFoundText: string;
  backHome: string;
  breadcrumb: string;
  language: string;
};

const en: Wording = {
  searchArticles: "Search articles",
  search: "Search",
  searchTitle: (q) => `Search: ${q}`,
  searchDescription: (p) => `Search ${p}`,
  results: (n, q) => `${n} result${n === 1 ? "" : "s"} for “${q}”`,
  noResults: "No articles found. Try other words, or",
  browseCategories: "browse the categories",
  allArticles: (n) => `All ${n} articles`,
  otherArticles: "Other articles",
  popularArticles: "Popular articles",
  noArticlesYet: "No articles yet.",
  homeDescription: (p) => `Help articles from ${p}`,
  sections: "Sections",
  noArticlesInCategory: "No articles in this category yet.",
  categoryDescription: (c, p) => `${c}: help articles from ${p}`,
  onThisPage: "On this page",
  alsoIn: "Also in:",
  updated: "Updated",
  helpful: "Was this article helpful?",
  yes: "Yes",
  no: "No",
  thanks: "Thanks for your feedback!",
  notFound: "Page not found",
  notFoundText: "This page does not exist or is not published.",
  backHome: "Back to the help center",
  breadcrumb: "Breadcrumb",
  language: "Language",
};

const fr: Wording = {
  searchArticles: "Rechercher des articles",
  search: "Rechercher",
  searchTitle: (q) => `Recherche : ${q}`,
  searchDescription: (p) => `Rechercher dans ${p}`,
  results: (n, q) => `${n} résultat${n > 1 ? "s" : ""} pour « ${q} »`,
  noResults: "Aucun article trouvé. Essayez d’autres mots, ou",
  browseCategories: "parcourez les catégories",
  allArticles: (n) => `Les ${n} articles`,
  otherArticles: "Autres articles",
  popularArticles: "Articles populaires",
  noArticlesYet: "Aucun article pour l’instant.",
  homeDescription: (p) => `Articles d’aide de ${p}`,
  sections: "Sections",
  noArticlesInCategory: "Aucun article dans cette catégorie pour l’instant.",
  categoryDescription: (c, p) => `${c} : articles d’aide de ${p}`,
  onThisPage: "Sur cette page",
  alsoIn: "Aussi en :",
  updated: "Mis à jour le",
  helpful: "Cet article vous a-t-il été utile ?",
  yes: "Oui",
  no: "Non",
  thanks: "Merci pour votre avis !",
  notFound: "Page introuvable",
  notFoundText: "Cette page n’existe pas ou n’est pas publiée.",
  backHome: "Retour au centre d’aide",
  breadcrumb: "Fil d’Ariane",
  language: "Langue",
};

const de: Wording = {
  searchArticles: "Artikel durchsuchen",
  search: "Suchen",
  searchTitle: (q) => `Suche: ${q}`,
  searchDescription: (p) => `${p} durchsuchen`,
  results: (n, q) => `${n} ${n === 1 ? "Ergebnis" : "Ergebnisse"} für „${q}“`,
  noResults: "Keine Artikel gefunden. Versuchen Sie andere Wörter, oder",
  browseCategories: "stöbern Sie in den Kategorien",
  allArticles: (n) => `Alle ${n} Artikel`,
  otherArticles: "Weitere Artikel",
  popularArticles: "Beliebte Artikel",
  noArticlesYet: "Noch keine Artikel.",
  homeDescription: (p) => `Hilfeartikel von ${p}`,
  sections: "Abschnitte",
  noArticlesInCategory: "Noch keine Artikel in dieser Kategorie.",
  categoryDescription: (c, p) => `${c}: Hilfeartikel von ${p}`,
  onThisPage: "Auf dieser Seite",
  alsoIn: "Auch auf:",
  updated: "Aktualisiert am",
  helpful: "War dieser Artikel hilfreich?",
  yes: "Ja",
  no: "Nein",
  thanks: "Danke für Ihr Feedback!",
  notFound: "Seite nicht gefunden",
  notFoundText: "Diese Seite existiert nicht oder ist nicht veröffentlicht.",
  backHome: "Zurück zum Hilfecenter",
  breadcrumb: "Brotkrumen",
  language: "Sprache",
};

const es: Wording = {
  searchArticles: "Buscar artículos",
  search: "Buscar",
  searchTitle: (q) => `Búsqueda: ${q}`,
  searchDescription: (p) => `Buscar en ${p}`,
  results: (n, q) => `${n} resultado${n === 1 ? "" : "s"} para «${q}»`,
  noResults: "No se encontraron artículos. Pruebe con otras palabras, o",
  browseCategories: "explore las categorías",
  allArticles: (n) => `Los ${n} artículos`,
  otherArticles: "Otros artículos",
  popularArticles: "Artículos populares",
  noArticlesYet: "Todavía no hay artículos.",
  homeDescription: (p) => `Artículos de ayuda de ${p}`,
  sections: "Secciones",
  noArticlesInCategory: "Todavía no hay artículos en esta categoría.",
  categoryDescription: (c, p) => `${c}: artículos de ayuda de ${p}`,
  onThisPage: "En esta página",
  alsoIn: "También en:",
  updated: "Actualizado el",
  helpful: "¿Le resultó útil este artículo?",
  yes: "Sí",
  no: "No",
  thanks: "¡Gracias por su opinión!",
  notFound: "Página no encontrada",
  notFoundText: "Esta página no existe o no está publicada.",
  backHome: "Volver al centro de ayuda",
  breadcrumb: "Ruta de navegación",
  language: "Idioma",
};

const pt: Wording = {
  searchArticles: "Pesquisar artigos",
  search: "Pesquisar",
  searchTitle: (q) => `Pesquisa: ${q}`,
  searchDescription: (p) => `Pesquisar em ${p}`,
  results: (n, q) => `${n} resultado${n === 1 ? "" : "s"} para “${q}”`,
  noResults: "Nenhum artigo encontrado. Tente outras palavras, ou",
  browseCategories: "navegue pelas categorias",
  allArticles: (n) => `Todos os ${n} artigos`,
  otherArticles: "Outros artigos",
  popularArticles: "Artigos populares",
  noArticlesYet: "Ainda não há artigos.",
  homeDescription: (p) => `Artigos de ajuda de ${p}`,
  sections: "Seções",
  noArticlesInCategory: "Ainda não há artigos nesta categoria.",
  categoryDescription: (c, p) => `${c}: artigos de ajuda de ${p}`,
  onThisPage: "Nesta página",
  alsoIn: "Também em:",
  updated: "Atualizado em",
  helpful: "Este artigo foi útil?",
  yes: "Sim",
  no: "Não",
  thanks: "Obrigado pela sua opinião!",
  notFound: "Página não encontrada",
  notFoundText: "Esta página não existe ou não está publicada.",
  backHome: "Voltar à central de ajuda",
  breadcrumb: "Navegação estrutural",
  language: "Idioma",
};

const it: Wording = {
  searchArticles: "Cerca articoli",
  search: "Cerca",
  searchTitle: (q) => `Ricerca: ${q}`,
  searchDescription: (p) => `Cerca in ${p}`,
  results: (n, q) => `${n} risultat${n === 1 ? "o" : "i"} per «${q}»`,
  noResults: "Nessun articolo trovato. Prova altre parole, oppure",
  browseCategories: "sfoglia le categorie",
  allArticles: (n) => `Tutti i ${n} articoli`,
  otherArticles: "Altri articoli",
  popularArticles: "Articoli più letti",
  noArticlesYet: "Ancora nessun articolo.",
  homeDescription: (p) => `Articoli di aiuto di ${p}`,
  sections: "Sezioni",
  noArticlesInCategory: "Ancora nessun articolo in questa categoria.",
  categoryDescription: (c, p) => `${c}: articoli di aiuto di ${p}`,
  onThisPage: "In questa pagina",
  alsoIn: "Anche in:",
  updated: "Aggiornato il",
  helpful: "Questo articolo ti è stato utile?",
  yes: "Sì",
  no: "No",
  thanks: "Grazie per il tuo feedback!",
  notFound: "Pagina non trovata",
  notFoundText: "Questa pagina non esiste o non è pubblicata.",
  backHome: "Torna al centro assistenza",
  breadcrumb: "Percorso",
  language: "Lingua",
};

const nl: Wording = {
  searchArticles: "Artikelen zoeken",
  search: "Zoeken",
  searchTitle: (q) => `Zoeken: ${q}`,
  searchDescription: (p) => `Zoeken in ${p}`,
  results: (n, q) => `${n} resulta${n === 1 ? "at" : "ten"} voor ‘${q}’`,
  noResults: "Geen artikelen gevonden. Probeer andere woorden, of",
  browseCategories: "blader door de categorieën",
  allArticles: (n) => `Alle ${n} artikelen`,
  otherArticles: "Andere artikelen",
  popularArticles: "Populaire artikelen",
  noArticlesYet: "Nog geen artikelen.",
  homeDescription: (p) => `Helpartikelen van ${p}`,
  sections: "Secties",
  noArticlesInCategory: "Nog geen artikelen in deze categorie.",
  categoryDescription: (c, p) => `${c}: helpartikelen van ${p}`,
  onThisPage: "Op deze pagina",
  alsoIn: "Ook in:",
  updated: "Bijgewerkt op",
  helpful: "Was dit artikel nuttig?",
  yes: "Ja",
  no: "Nee",
  thanks: "Bedankt voor je feedback!",
  notFound: "Pagina niet gevonden",
  notFoundText: "Deze pagina bestaat niet of is niet gepubliceerd.",
  backHome: "Terug naar het helpcentrum",
  breadcrumb: "Kruimelpad",
  language: "Taal",
};

const BY_LANGUAGE: Record<string, Wording> = { en, fr, de, es, pt, it, nl };

/** The wording for a locale code (`fr`, `pt_BR`, `de-AT`): its language's, else English. */
export function wordingFor(locale: string): Wording {
  return BY_LANGUAGE[locale.toLowerCase().split(/[_-]/)[0]] ?? en;
}
