/**
 * PostgreSQL text-search dictionary per article locale ("pt_BR" → portuguese). Locales without a
 * stemmer use `simple` (lower-cased words, no stemming). The generated `articles.search_vector`
 * column (migration help_center_public) uses the same mapping in SQL: change both together.
 */
const DICTIONARIES: Record<string, string> = {
  ar: "arabic", hy: "armenian", eu: "basque", ca: "catalan", da: "danish", nl: "dutch", en: "english",
  fi: "finnish", fr: "french", de: "german", el: "greek", hi: "hindi", hu: "hungarian", id: "indonesian",
  ga: "irish", it: "italian", lt: "lithuanian", ne: "nepali", nb: "norwegian", no: "norwegian", pt: "portuguese",
  ro: "romanian", ru: "russian", sr: "serbian", es: "spanish", sv: "swedish", ta: "tamil", tr: "turkish", yi: "yiddish",
};

export function searchDictionary(locale: string): string {
  return DICTIONARIES[locale.toLowerCase().split(/[-_]/)[0]] ?? "simple";
}

/** The CASE expression of the generated column, built from the same table. */
export function dictionarySqlCase(column: string): string {
  const branches = Object.entries(DICTIONARIES).map(([code, dict]) => `WHEN '${code}' THEN '${dict}'::regconfig`).join(" ");
  return `CASE split_part(split_part(lower(${column}), '_', 1), '-', 1) ${branches} ELSE 'simple'::regconfig END`;
}
