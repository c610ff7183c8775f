"use client";

import { useRouter } from "next/navigation";
import { deletePortalAction, setPortalLogoAction } from "@/app/_server/actions/help-center";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useAction } from "@/components/use-action";

/** The portal's logo: upload a PNG/JPEG/GIF/WebP, or remove it. */
export function PortalLogo({ accountId, portalSlug, logoUrl }: { accountId: number; portalSlug: string; logoUrl: string | null }) {
  const { run, pending, error } = useAction(setPortalLogoAction);
  const send = (file: File | null) => {
    const form = new FormData();
    form.set("accountId", String(accountId));
    form.set("portalSlug", portalSlug);
    if (file) form.set("file", file);
    run(form as never);
  };
  return (
    <div className="flex flex-wrap items-center gap-4 p-5">
      {logoUrl ? <img src={logoUrl} alt="Current logo" className="h-12 max-w-40 rounded border border-slate-200 object-contain" /> : <p className="text-sm text-slate-500">No logo.</p>}
      <label className="text-sm text-slate-700">
        <span className="sr-only">Logo file</span>
        <input type="file" accept="image/png,image/jpeg,image/gif,image/webp" disabled={pending} onChange={(e) => send(e.target.files?.[0] ?? null)} />
      </label>
      {logoUrl ? (
        <Button variant="secondary" size="sm" disabled={pending} onClick={() => send(null)}>
          Remove logo
        </Button>
      ) : null}
      {error ? <Alert className="w-full">{error}</Alert> : null}
    </div>
  );
}

export function DeletePortal({ accountId, portalSlug }: { accountId: number; portalSlug: string }) {
  const router = useRouter();
  const { run, pending, error } = useAction(deletePortalAction);
  return (
    <div className="space-y-3 p-5">
      <p className="text-sm text-slate-600">Deletes the portal with all its categories, articles and images. Its address stops working at once.</p>
      {error ? <Alert>{error}</Alert> : null}
      <Button
        variant="danger"
        disabled={pending}
        onClick={() => {
          if (window.confirm("Delete this portal and everything in it?")) run({ accountId, portalSlug }, () => router.push(`/app/accounts/${accountId}/portals`));
        }}
      >
        Delete portal
      </Button>
    </div>
  );
}
