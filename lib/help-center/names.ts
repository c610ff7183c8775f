import { invalid } from "@/lib/errors";

/**
 * Slugs and custom domains are URLs, so they are normalized before they are stored and compared:
 * two spellings of one URL must hit the same unique index.
 */

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** "How to Reset — your Password?" → "how-to-reset-your-password" (accents dropped, not lost letters). */
export function slugify(text: string): string {
  const slug = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80)
    .replace(/-+$/, "");
  return slug;
}

/** A slug as typed (case and surrounding spaces forgiven); anything else in it is refused. */
export function normalizeSlug(value: string, field = "Slug"): string {
  const slug = value.trim().toLowerCase();
  if (!slug) throw invalid(`${field} can't be blank`);
  if (slug.length > 100 || !SLUG.test(slug)) {
    throw invalid(`${field} may contain only letters, digits and single hyphens (e.g. "getting-started")`);
  }
  return slug;
}

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/**
 * A custom domain as an administrator may type it ("https://Help.Example.com:443/", "help.example.com.")
 * → "help.example.com". Blank → null (no custom domain). Ports, paths, IP addresses and single
 * labels are refused: the portal is served on the default port of a real host name.
 */
export function normalizeCustomDomain(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  let host = value.trim().toLowerCase();
  if (!host) return null;
  host = host.replace(/^[a-z][a-z0-9+.-]*:\/\//, "");
  host = host.replace(/[/?#].*$/, "");
  if (host.includes("@")) throw invalid("Custom domain must be a host name such as help.example.com");
  host = host.replace(/:(80|443)$/, "");
  if (host.includes(":")) throw invalid("Custom domain cannot have a port");
  host = host.replace(/\.$/, "");
  const labels = host.split(".");
  if (host.length > 253 || labels.length < 2 || !labels.every((l) => LABEL.test(l)) || /^\d+$/.test(labels[labels.length - 1])) {
    throw invalid("Custom domain must be a host name such as help.example.com");
  }
  return host;
}

/** A locale code as Chatwoot stores them: "en", "pt_BR" ("pt-br" and "PT_br" arrive as "pt_BR"). */
export function normalizeLocale(value: string): string {
  const locale = value.trim();
  if (!/^[a-zA-Z]{2,3}(?:[-_][a-zA-Z0-9]{2,8})?$/.test(locale)) throw invalid(`Locale "${value}" is not valid`);
  const [lang, region] = locale.split(/[-_]/);
  return region ? `${lang.toLowerCase()}_${region.length === 2 ? region.toUpperCase() : region}` : lang.toLowerCase();
}

export const COLOR = /^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/;
