"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { createPortalAction, updatePortalAction } from "@/app/_server/actions/help-center";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input, Textarea } from "@/components/ui/field";
import { useAction } from "@/components/use-action";

export type PortalFormValues = {
  name: string;
  slug: string;
  pageTitle: string | null;
  headerText: string | null;
  color: string | null;
  homepageLink: string | null;
  customDomain: string | null;
  allowedLocales: string[];
  defaultLocale: string;
  archived: boolean;
};

/** Creates a portal (no `portalSlug`) or edits one. Locales are typed as codes separated by commas. */
export function PortalForm({ accountId, portalSlug, values, canEdit }: { accountId: number; portalSlug?: string; values?: PortalFormValues; canEdit: boolean }) {
  const router = useRouter();
  const create = useAction(createPortalAction);
  const update = useAction(updatePortalAction);
  const { pending, error, fieldErrors } = portalSlug ? update : create;
  const [saved, setSaved] = useState(false);
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setSaved(false);
    const f = new FormData(e.currentTarget);
    const get = (k: string) => String(f.get(k) ?? "");
    const portal = {
      name: get("name"),
      slug: get("slug") || undefined,
      pageTitle: get("pageTitle") || null,
      headerText: get("headerText") || null,
      color: get("color") || null,
      homepageLink: get("homepageLink") || null,
      customDomain: get("customDomain") || null,
      allowedLocales: get("allowedLocales").split(/[\s,]+/).filter(Boolean),
      defaultLocale: get("defaultLocale") || undefined,
      archived: f.get("archived") === "on",
    };
    if (portalSlug) {
      update.run({ accountId, portalSlug, portal }, (r) => {
        setSaved(true);
        if (r.slug !== portalSlug) router.replace(`/app/accounts/${accountId}/portals/${r.slug}/settings`);
      });
    } else {
      create.run({ accountId, portal }, (r) => router.push(`/app/accounts/${accountId}/portals/${r.slug}/articles`));
    }
  };
  const v = values;
  const fid = (k: string) => `portal-${portalSlug ?? "new"}-${k}`;
  return (
    <form onSubmit={onSubmit} className="grid gap-4 p-5 sm:grid-cols-2">
      <Field id={fid("name")} label="Name" error={fieldErrors.name}>
        <Input id={fid("name")} name="name" defaultValue={v?.name} required disabled={!canEdit} />
      </Field>
      <Field id={fid("slug")} label="Slug" hint="The address: /hc/slug. Leave empty to derive it from the name." error={fieldErrors.slug}>
        <Input id={fid("slug")} name="slug" defaultValue={v?.slug} disabled={!canEdit} pattern="[A-Za-z0-9-]*" />
      </Field>
      <Field id={fid("pageTitle")} label="Page title">
        <Input id={fid("pageTitle")} name="pageTitle" defaultValue={v?.pageTitle ?? ""} disabled={!canEdit} />
      </Field>
      <Field id={fid("headerText")} label="Header text" hint="The headline above the search box.">
        <Textarea id={fid("headerText")} name="headerText" rows={1} defaultValue={v?.headerText ?? ""} disabled={!canEdit} />
      </Field>
      <Field id={fid("color")} label="Colour" hint="Hex, e.g. #1f93ff.">
        <div className="flex gap-2">
          <Input id={fid("color")} name="color" defaultValue={v?.color ?? ""} placeholder="#1f93ff" disabled={!canEdit} />
          <span aria-hidden className="h-9 w-9 shrink-0 rounded-md border border-slate-300" style={{ background: v?.color ?? "#1f93ff" }} />
        </div>
      </Field>
      <Field id={fid("homepageLink")} label="Homepage link" hint="Your website; the portal's header links back to it.">
        <Input id={fid("homepageLink")} name="homepageLink" type="url" defaultValue={v?.homepageLink ?? ""} disabled={!canEdit} />
      </Field>
      <Field
        id={fid("customDomain")}
        label="Custom domain"
        hint="e.g. help.example.com — point its DNS (CNAME) at this server and terminate TLS at your proxy."
        error={fieldErrors.customDomain}
      >
        <Input id={fid("customDomain")} name="customDomain" defaultValue={v?.customDomain ?? ""} disabled={!canEdit} />
      </Field>
      <Field id={fid("allowedLocales")} label="Locales" hint="Codes separated by commas, e.g. en, fr, pt_BR.">
        <Input id={fid("allowedLocales")} name="allowedLocales" defaultValue={(v?.allowedLocales ?? ["en"]).join(", ")} disabled={!canEdit} />
      </Field>
      <Field id={fid("defaultLocale")} label="Default locale">
        <Input id={fid("defaultLocale")} name="defaultLocale" defaultValue={v?.defaultLocale ?? "en"} disabled={!canEdit} />
      </Field>
      {portalSlug ? (
        <label className="flex items-center gap-2 self-end pb-2 text-sm text-slate-700">
          <input type="checkbox" name="archived" defaultChecked={v?.archived} disabled={!canEdit} /> Archived (not public)
        </label>
      ) : null}
      <div className="space-y-3 sm:col-span-2">
        {error ? <Alert>{error}</Alert> : null}
        {saved ? <Alert tone="success">Portal saved.</Alert> : null}
        {canEdit ? (
          <Button type="submit" disabled={pending}>
            {pending ? "Saving…" : portalSlug ? "Save portal" : "Create portal"}
          </Button>
        ) : null}
      </div>
    </form>
  );
}
