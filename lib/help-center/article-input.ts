import { z } from "zod";

const optionalText = z.string().trim().max(5000).nullish().transform((v) => (v ? v : null));
const optionalId = z.coerce.number().int().positive().max(2147483647).nullish();

export const articleStatuses = ["draft", "published", "archived"] as const;
/** Chatwoot's enum also arrives as its integer (0 draft, 1 published, 2 archived). */
export const statusInput = z.preprocess(
  (v) => (typeof v === "number" || (typeof v === "string" && /^\d$/.test(v)) ? articleStatuses[Number(v)] : v),
  z.enum(articleStatuses, { message: "Status must be draft, published or archived" }),
);

export const articleMetaInput = z
  .object({
    title: z.string().trim().max(300).optional(),
    description: z.string().trim().max(1000).optional(),
    tags: z
      .union([z.array(z.string()), z.string()])
      .transform((v) => (Array.isArray(v) ? v : v.split(",")))
      .transform((v) => [...new Set(v.map((t) => t.trim()).filter(Boolean))].slice(0, 50))
      .optional(),
  })
  .nullish()
  .transform((m) => {
    const meta: { title?: string; description?: string; tags?: string[] } = {};
    if (m?.title) meta.title = m.title;
    if (m?.description) meta.description = m.description;
    if (m?.tags?.length) meta.tags = m.tags;
    return meta;
  });

export const articleInput = z.object({
  title: z.string().trim().min(1, "Title can't be blank").max(255),
  slug: z.string().max(100).optional(),
  description: optionalText,
  content: z.string().max(500_000, "Content is too long").default(""),
  status: statusInput.optional(),
  locale: z.string().optional(),
  categoryId: optionalId,
  authorId: optionalId,
  position: z.coerce.number().int().min(0).max(1_000_000).optional(),
  meta: articleMetaInput.optional(),
  associatedArticleId: optionalId,
});
export type ArticleInput = z.input<typeof articleInput>;
export const articleUpdate = articleInput.partial().extend({ content: z.string().max(500_000, "Content is too long").optional() });
export type ArticleUpdate = z.input<typeof articleUpdate>;
