"use client";

import { ImagePlus } from "lucide-react";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, useTransition } from "react";
import { previewArticleAction, saveArticleAction, uploadArticleImageAction } from "@/app/_server/actions/help-center";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input, inputClass, Select, Textarea } from "@/components/ui/field";
import { useAction } from "@/components/use-action";
import { clearArticleFlash, leaveArticleFlash, readArticleFlash } from "./article-flash";

export type EditorArticle = {
  id?: number;
  title: string;
  slug: string;
  description: string;
  content: string;
  status: "draft" | "published" | "archived";
  locale: string;
  categoryId: number | null;
  authorId: number | null;
  associatedArticleId: number | null;
  meta: { title?: string; description?: string; tags?: string[] };
};

type Option = { id: number; name: string; locale: string };

/**
 * Markdown on the left, the page readers will see on the right: the preview is rendered on the
 * server by the public site's own renderer and sanitizer, so nothing differs after publishing.
 */
export function ArticleEditor({
  accountId,
  portalSlug,
  base,
  article,
  locales,
  categories,
  authors,
  translations,
  canEdit,
}: {
  accountId: number;
  portalSlug: string;
  base: string;
  article: EditorArticle;
  locales: string[];
  categories: Option[];
  authors: { id: number; name: string }[];
  translations: Option[];
  canEdit: boolean;
}) {
  const [a, setA] = useState(article);
  const set = <K extends keyof EditorArticle>(k: K, v: EditorArticle[K]) => setA((x) => ({ ...x, [k]: v }));
  const save = useAction(saveArticleAction);
  const upload = useAction(uploadArticleImageAction);
  const [saved, setSaved] = useState<string | null>(null);
  const [preview, setPreview] = useState("");
  const [, startPreview] = useTransition();
  const textarea = useRef<HTMLTextAreaElement>(null);
  const router = useRouter();

  // Created a moment ago by the editor at /articles/new: say again what it said.
  useEffect(() => {
    if (!article.id) return;
    const flash = readArticleFlash(article.id);
    if (flash) setSaved(flash);
  }, [article.id]);

  useEffect(() => {
    const timer = setTimeout(() => {
      startPreview(async () => {
        const r = await previewArticleAction({ markdown: a.content });
        if (r.ok) setPreview(r.data.html);
      });
    }, 250);
    return () => clearTimeout(timer);
  }, [a.content]);

  const submit = (status?: EditorArticle["status"]) => {
    setSaved(null);
    if (a.id) clearArticleFlash(a.id);
    const next = status ?? a.status;
    save.run(
      {
        accountId,
        portalSlug,
        articleId: a.id,
        article: {
          title: a.title,
          slug: a.slug || undefined,
          description: a.description || null,
          content: a.content,
          status: next,
          locale: a.locale,
          categoryId: a.categoryId,
          authorId: a.authorId,
          associatedArticleId: a.associatedArticleId,
          meta: a.meta,
        },
      },
      (r) => {
        setA((x) => ({ ...x, id: r.id, slug: r.slug, status: r.status }));
        const text = r.status === "published" ? "Published." : "Saved.";
        setSaved(text);
        if (a.id) return;
        // A new article moves to its own address. The editor there is a new one, so it is told
        // what this one said (a history call alone would be undone by the save's refresh).
        leaveArticleFlash(r.id, text);
        router.replace(`${base}/articles/${r.id}`);
      },
    );
  };

  const insertImage = (file: File) => {
    const form = new FormData();
    form.set("accountId", String(accountId));
    form.set("portalSlug", portalSlug);
    form.set("file", file);
    upload.run(form as never, (r) => {
      const el = textarea.current;
      const at = el?.selectionStart ?? a.content.length;
      const alt = file.name.replace(/\.[^.]+$/, "").replace(/[[\]]/g, "");
      set("content", `${a.content.slice(0, at)}\n![${alt}](${r.url})\n${a.content.slice(at)}`);
    });
  };

  const localCategories = categories.filter((c) => c.locale === a.locale);
  const otherTranslations = translations.filter((t) => t.locale !== a.locale);
  return (
    <div className="space-y-4">
      <div className="grid gap-3 sm:grid-cols-4">
        <div className="sm:col-span-3">
          <Field id="article-title" label="Title" error={save.fieldErrors.title}>
            <Input id="article-title" value={a.title} onChange={(e) => set("title", e.target.value)} disabled={!canEdit} required />
          </Field>
        </div>
        <Field id="article-status" label="Status">
          <Select id="article-status" value={a.status} onChange={(e) => set("status", e.target.value as EditorArticle["status"])} disabled={!canEdit}>
            <option value="draft">Draft</option>
            <option value="published">Published</option>
            <option value="archived">Archived</option>
          </Select>
        </Field>
        <Field id="article-locale" label="Locale">
          <Select id="article-locale" value={a.locale} onChange={(e) => setA((x) => ({ ...x, locale: e.target.value, categoryId: null }))} disabled={!canEdit}>
            {locales.map((l) => (
              <option key={l}>{l}</option>
            ))}
          </Select>
        </Field>
        <Field id="article-category" label="Category">
          <Select id="article-category" value={a.categoryId ?? ""} onChange={(e) => set("categoryId", e.target.value ? Number(e.target.value) : null)} disabled={!canEdit}>
            <option value="">None</option>
            {localCategories.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </Select>
        </Field>
        <Field id="article-author" label="Author">
          <Select id="article-author" value={a.authorId ?? ""} onChange={(e) => set("authorId", e.target.value ? Number(e.target.value) : null)} disabled={!canEdit}>
            <option value="">None</option>
            {authors.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </Select>
        </Field>
        <Field id="article-slug" label="Slug" hint="From the title when empty.">
          <Input id="article-slug" value={a.slug} onChange={(e) => set("slug", e.target.value)} disabled={!canEdit} />
        </Field>
        <div className="sm:col-span-4">
          <Field id="article-description" label="Description" hint="One or two sentences: shown under the title in lists and search results.">
            <Input id="article-description" value={a.description} onChange={(e) => set("description", e.target.value)} disabled={!canEdit} />
          </Field>
        </div>
      </div>

      <div className="grid gap-4 lg:grid-cols-2">
        <div className="space-y-2">
          <div className="flex items-center justify-between">
            <label htmlFor="article-content" className="text-sm font-medium text-slate-700">
              Content (Markdown)
            </label>
            {canEdit ? (
              <label className="inline-flex cursor-pointer items-center gap-1 text-sm text-brand-700 hover:underline">
                <ImagePlus className="h-4 w-4" aria-hidden /> {upload.pending ? "Uploading…" : "Add image"}
                <input
                  type="file"
                  accept="image/png,image/jpeg,image/gif,image/webp"
                  className="sr-only"
                  onChange={(e) => {
                    const file = e.target.files?.[0];
                    if (file) insertImage(file);
                    e.target.value = "";
                  }}
                />
              </label>
            ) : null}
          </div>
          <textarea
            id="article-content"
            ref={textarea}
            value={a.content}
            onChange={(e) => set("content", e.target.value)}
            onDrop={(e) => {
              const file = e.dataTransfer.files[0];
              if (file?.type.startsWith("image/")) {
                e.preventDefault();
                insertImage(file);
              }
            }}
            onPaste={(e) => {
              const file = [...e.clipboardData.files].find((f) => f.type.startsWith("image/"));
              if (file) {
                e.preventDefault();
                insertImage(file);
              }
            }}
            rows={22}
            className={`${inputClass} font-mono text-[13px]`}
            disabled={!canEdit}
          />
          {upload.error ? <Alert>{upload.error}</Alert> : null}
        </div>
        <div className="space-y-2">
          <p className="text-sm font-medium text-slate-700">Preview</p>
          <article
            aria-label="Preview"
            className="prose prose-slate max-w-none overflow-auto rounded-md border border-slate-200 bg-white p-4 text-sm [&_a]:text-brand-700 [&_a]:underline [&_code]:rounded [&_code]:bg-slate-100 [&_code]:px-1 [&_h2]:mt-4 [&_h2]:text-lg [&_h2]:font-semibold [&_h3]:mt-3 [&_h3]:font-semibold [&_img]:max-w-full [&_li]:ml-5 [&_ol]:list-decimal [&_p]:my-2 [&_pre]:overflow-auto [&_pre]:bg-slate-900 [&_pre]:p-3 [&_pre]:text-slate-100 [&_ul]:list-disc"
            dangerouslySetInnerHTML={{ __html: preview }}
          />
        </div>
      </div>

      <details className="rounded-md border border-slate-200 bg-white">
        <summary className="cursor-pointer px-4 py-2 text-sm font-medium text-slate-700">Search engines and translations</summary>
        <div className="grid gap-3 p-4 sm:grid-cols-2">
          <Field id="article-meta-title" label="Meta title" hint="The title search engines show; the article's title when empty.">
            <Input id="article-meta-title" value={a.meta.title ?? ""} onChange={(e) => set("meta", { ...a.meta, title: e.target.value })} disabled={!canEdit} />
          </Field>
          <Field id="article-meta-tags" label="Tags" hint="Words readers might search for, separated by commas.">
            <Input
              id="article-meta-tags"
              value={(a.meta.tags ?? []).join(", ")}
              onChange={(e) => set("meta", { ...a.meta, tags: e.target.value.split(",").map((t) => t.trim()) })}
              disabled={!canEdit}
            />
          </Field>
          <div className="sm:col-span-2">
            <Field id="article-meta-description" label="Meta description">
              <Textarea
                id="article-meta-description"
                rows={2}
                value={a.meta.description ?? ""}
                onChange={(e) => set("meta", { ...a.meta, description: e.target.value })}
                disabled={!canEdit}
              />
            </Field>
          </div>
          <Field id="article-translation" label="Translation of" hint="The same article in another locale: readers can switch between them.">
            <Select
              id="article-translation"
              value={a.associatedArticleId ?? ""}
              onChange={(e) => set("associatedArticleId", e.target.value ? Number(e.target.value) : null)}
              disabled={!canEdit}
            >
              <option value="">None</option>
              {otherTranslations.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name} ({t.locale})
                </option>
              ))}
            </Select>
          </Field>
        </div>
      </details>

      {save.error ? <Alert>{save.error}</Alert> : null}
      {saved ? <Alert tone="success">{saved}</Alert> : null}
      {canEdit ? (
        <div className="flex gap-2">
          <Button onClick={() => submit()} disabled={save.pending}>
            {save.pending ? "Saving…" : "Save"}
          </Button>
          {a.status !== "published" ? (
            <Button variant="secondary" onClick={() => submit("published")} disabled={save.pending}>
              Publish
            </Button>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
