"use client";

import { ArrowDown, ArrowUp } from "lucide-react";
import { useEffect, useState, type FormEvent } from "react";
import { createCategoryAction, deleteCategoryAction, reorderCategoriesAction, updateCategoryAction } from "@/app/_server/actions/help-center";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import { SortableList } from "@/components/ui/sortable-list";
import { useAction } from "@/components/use-action";

export type CategoryRow = {
  id: number;
  name: string;
  slug: string;
  description: string | null;
  icon: string | null;
  parentCategoryId: number | null;
  linked: { id: number; name: string; locale: string }[];
};
export type OtherLocaleCategory = { id: number; name: string; locale: string };

type Props = { accountId: number; portalSlug: string; locale: string; categories: CategoryRow[]; otherLocales: OtherLocaleCategory[]; canEdit: boolean };

/**
 * Categories of one locale in their order. Drag a row by its handle (mouse, touch, or the keyboard:
 * components/ui/sortable-list.tsx), or use the arrow buttons; either saves the new order at once.
 */
export function CategoryManager({ accountId, portalSlug, locale, categories, otherLocales, canEdit }: Props) {
  const [order, setOrder] = useState(categories);
  useEffect(() => setOrder(categories), [categories]);
  const reorder = useAction(reorderCategoriesAction);
  const remove = useAction(deleteCategoryAction);
  const [editing, setEditing] = useState<number | null>(null);

  const save = (next: CategoryRow[]) => {
    setOrder(next);
    reorder.run({ accountId, portalSlug, ids: next.map((c) => c.id) });
  };
  const move = (index: number, to: number) => {
    if (to < 0 || to >= order.length) return;
    const next = [...order];
    const [row] = next.splice(index, 1);
    next.splice(to, 0, row);
    save(next);
  };

  return (
    <div>
      {reorder.error || remove.error ? <Alert className="m-4">{reorder.error ?? remove.error}</Alert> : null}
      {order.length === 0 ? <p className="px-5 py-8 text-center text-sm text-slate-500">No categories in {locale} yet.</p> : null}
      <ol className="divide-y divide-slate-100" aria-label={`Categories in ${locale}`}>
        <SortableList items={order} name={(c) => c.name} onReorder={save} disabled={!canEdit || reorder.pending}>
          {(c, row, i) => (
            <li ref={row.ref} style={row.style} data-category={c.slug} className="px-4 py-3">
              <div className="flex items-center gap-3">
                {canEdit ? row.handle : null}
                <span aria-hidden className="w-6 text-center">{c.icon}</span>
                <div className="min-w-0 flex-1">
                  <p className="font-medium text-slate-900">{c.name}</p>
                  <p className="truncate text-xs text-slate-500">
                    /{c.slug}
                    {c.parentCategoryId ? ` · in ${order.find((p) => p.id === c.parentCategoryId)?.name ?? "another category"}` : ""}
                    {c.linked.length ? ` · also in ${c.linked.map((l) => l.locale).join(", ")}` : ""}
                  </p>
                </div>
                {canEdit ? (
                  <div className="flex items-center gap-1">
                    <Button variant="ghost" size="sm" aria-label={`Move ${c.name} up`} disabled={i === 0 || reorder.pending} onClick={() => move(i, i - 1)}>
                      <ArrowUp className="h-4 w-4" />
                    </Button>
                    <Button variant="ghost" size="sm" aria-label={`Move ${c.name} down`} disabled={i === order.length - 1 || reorder.pending} onClick={() => move(i, i + 1)}>
                      <ArrowDown className="h-4 w-4" />
                    </Button>
                    <Button variant="secondary" size="sm" onClick={() => setEditing(editing === c.id ? null : c.id)}>
                      Edit
                    </Button>
                    <Button
                      variant="danger"
                      size="sm"
                      disabled={remove.pending}
                      onClick={() => window.confirm(`Delete ${c.name}? Its articles become uncategorised.`) && remove.run({ accountId, portalSlug, categoryId: c.id })}
                    >
                      Delete
                    </Button>
                  </div>
                ) : null}
              </div>
              {editing === c.id ? (
                <CategoryForm {...{ accountId, portalSlug, locale, otherLocales }} siblings={order} category={c} onDone={() => setEditing(null)} />
              ) : null}
            </li>
          )}
        </SortableList>
      </ol>
      {canEdit ? (
        <div className="border-t border-slate-200">
          <p className="px-5 pt-4 text-sm font-semibold text-slate-900">New category in {locale}</p>
          <CategoryForm {...{ accountId, portalSlug, locale, otherLocales }} siblings={order} />
        </div>
      ) : null}
    </div>
  );
}

function CategoryForm({
  accountId,
  portalSlug,
  locale,
  otherLocales,
  siblings,
  category,
  onDone,
}: Omit<Props, "categories" | "canEdit"> & { siblings: CategoryRow[]; category?: CategoryRow; onDone?: () => void }) {
  const create = useAction(createCategoryAction);
  const update = useAction(updateCategoryAction);
  const { pending, error } = category ? update : create;
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const f = new FormData(form);
    const get = (k: string) => String(f.get(k) ?? "");
    const input = {
      name: get("name"),
      slug: get("slug") || undefined,
      locale,
      description: get("description") || null,
      icon: get("icon") || null,
      parentCategoryId: get("parent") ? Number(get("parent")) : null,
      associatedCategoryId: get("linked") ? Number(get("linked")) : null,
    };
    if (category) update.run({ accountId, portalSlug, categoryId: category.id, category: input }, () => onDone?.());
    else create.run({ accountId, portalSlug, category: input }, () => form.reset());
  };
  const fid = (k: string) => `category-${category?.id ?? "new"}-${k}`;
  return (
    <form onSubmit={onSubmit} className="grid gap-3 p-4 sm:grid-cols-3">
      <Field id={fid("name")} label="Name">
        <Input id={fid("name")} name="name" defaultValue={category?.name} required />
      </Field>
      <Field id={fid("slug")} label="Slug">
        <Input id={fid("slug")} name="slug" defaultValue={category?.slug} placeholder="from the name" />
      </Field>
      <Field id={fid("icon")} label="Icon (emoji)">
        <Input id={fid("icon")} name="icon" defaultValue={category?.icon ?? ""} maxLength={8} />
      </Field>
      <Field id={fid("description")} label="Description">
        <Input id={fid("description")} name="description" defaultValue={category?.description ?? ""} />
      </Field>
      <Field id={fid("parent")} label="Parent category">
        <Select id={fid("parent")} name="parent" defaultValue={category?.parentCategoryId ?? ""}>
          <option value="">None</option>
          {siblings
            .filter((s) => s.id !== category?.id)
            .map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
        </Select>
      </Field>
      <Field id={fid("linked")} label="Same category in another locale">
        <Select id={fid("linked")} name="linked" defaultValue={category?.linked[0]?.id ?? ""}>
          <option value="">None</option>
          {otherLocales.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name} ({o.locale})
            </option>
          ))}
        </Select>
      </Field>
      <div className="flex items-center gap-3 sm:col-span-3">
        <Button type="submit" size="sm" disabled={pending}>
          {pending ? "Saving…" : category ? "Save category" : "Add category"}
        </Button>
        {error ? <Alert className="flex-1">{error}</Alert> : null}
      </div>
    </form>
  );
}
