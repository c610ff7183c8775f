/**
 * A heading's anchor: lower-case letters and digits of any script joined by hyphens, accents
 * dropped ("Réinitialiser le mot de passe" → "reinitialiser-le-mot-de-passe", "パスワード" stays).
 */
export function slugifyHeading(text: string): string {
  return text
    .normalize("NFD")
    // Accents off Latin letters only: kana and other scripts keep their marks.
    .replace(/([A-Za-z])\p{M}+/gu, "$1")
    .normalize("NFC")
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80)
    .replace(/-+$/, "");
}

/** What an id the sanitizer keeps must look like: exactly what slugifyHeading makes. */
export const HEADING_ID = /^[\p{L}\p{M}\p{N}]+(-[\p{L}\p{M}\p{N}]+)*$/u;
