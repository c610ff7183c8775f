/** Chatwoot sends most timestamps as Unix seconds. */
export const unix = (d: Date): number => Math.floor(d.getTime() / 1000);
export const unixOrNull = (d: Date | null | undefined): number | null => (d ? unix(d) : null);
export const isoOrNull = (d: Date | null | undefined): string | null => (d ? d.toISOString() : null);

/**
 * Reads a time the way Chatwoot clients send it: Unix seconds (number or digit string) or an
 * ISO 8601 string. Unparseable input is left for the domain's validation to reject.
 */
export function parseApiTime(v: number | string | null | undefined): Date | string | null | undefined {
  if (v === null || v === undefined) return v;
  if (typeof v === "number") return new Date(v * 1000);
  if (/^\d+$/.test(v.trim())) return new Date(Number(v) * 1000);
  return v;
}
