/** Escaping for the public site's HTML, which is built as strings (no React runtime, no script). */
export function esc(value: unknown): string {
  return String(value ?? "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** JSON inside <script type="application/ld+json">: no "</script>" or "<!--" can close it early. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c").replace(/>/g, "\\u003e").replace(/&/g, "\\u0026").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}

export const enc = encodeURIComponent;

/** "en" → "English", "pt_BR" → "português (Brasil)": a locale's name in its own language. */
export function localeName(locale: string): string {
  try {
    const tag = locale.replace("_", "-");
    return new Intl.DisplayNames([tag], { type: "language" }).of(tag) ?? locale;
  } catch {
    return locale;
  }
}

/** BCP 47 for lang= and hreflang= ("pt_BR" → "pt-BR"). */
export const langTag = (locale: string) => locale.replace("_", "-");

export function formatDate(date: Date, locale: string): string {
  try {
    return new Intl.DateTimeFormat(langTag(locale), { dateStyle: "long", timeZone: "UTC" }).format(date);
  } catch {
    return date.toISOString().slice(0, 10);
  }
}
