import { z } from "zod";

/**
 * Request fields as Chatwoot's clients send them to the help-center endpoints: JSON, or a form
 * (multipart/urlencoded) where every value is a string — so booleans arrive as "true"/"false",
 * numbers as digits, and an empty field means "none". Bodies may be wrapped (`{portal: {...}}`).
 */

/** Accepts `{ [key]: {...} }` or the fields at the top level (top-level fields win nothing: the wrapper is read last). */
export function wrapped<T extends z.ZodRawShape>(key: string, shape: T) {
  return z.preprocess((v) => {
    if (!v || typeof v !== "object" || Array.isArray(v)) return v;
    const inner = (v as Record<string, unknown>)[key];
    if (!inner || typeof inner !== "object" || Array.isArray(inner) || inner instanceof Blob) return v;
    const { [key]: _wrapper, ...rest } = v as Record<string, unknown>;
    return { ...rest, ...(inner as Record<string, unknown>) };
  }, z.object(shape));
}

export const formBoolean = z.preprocess((v) => (v === "true" || v === "1" ? true : v === "false" || v === "0" ? false : v), z.boolean());
/** An id that may be sent empty or null to clear it. */
export const formId = z.preprocess(
  (v) => (v === "" || v === "null" ? null : v),
  z.coerce.number().int().positive().max(2147483647).nullable(),
);
export const formInt = z.coerce.number().int().min(0).max(1_000_000);
/** A text that may be sent null to clear it. */
export const formText = z.string().nullable();

/** Chatwoot's `positions_hash: { "<id>": position }` (or the ids in their new order). */
export const reorderBody = z.object({
  positions_hash: z.union([z.record(z.string(), z.coerce.number().int()), z.array(z.coerce.number().int())]),
});

export const idsBody = z.object({
  ids: z.array(z.coerce.number().int().positive()).min(1),
});
