"use client";

import { useId } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/field";

/**
 * The one-line form that names a saved view (conversation or contact lists): a labelled name field,
 * the submit button carrying `label` ("Save view", "Save name"), and Cancel.
 */
export function ViewNameForm({
  label,
  name,
  onName,
  pending,
  onSubmit,
  onCancel,
  className = "min-w-0 flex-1",
}: {
  label: string;
  name: string;
  onName: (name: string) => void;
  pending: boolean;
  onSubmit: () => void;
  onCancel: () => void;
  /** The field's width in its bar. */
  className?: string;
}) {
  const id = useId();
  return (
    <form
      aria-label={label}
      className="flex items-center gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      <label htmlFor={id} className="sr-only">
        View name
      </label>
      <Input id={id} className={`h-8 text-xs ${className}`} value={name} maxLength={255} autoFocus required placeholder="View name" onChange={(e) => onName(e.target.value)} />
      <Button type="submit" size="sm" disabled={pending}>
        {label}
      </Button>
      <Button variant="ghost" size="sm" onClick={onCancel}>
        Cancel
      </Button>
    </form>
  );
}

/** Why the URL's filter was refused (the domain's words), above the list's filter controls. */
export function FilterRefused({ reason }: { reason: string | null }) {
  if (!reason) return null;
  return (
    <p role="alert" className="rounded-md bg-red-50 px-2 py-1 text-xs text-red-700">
      This filter can&apos;t be applied: {reason}
    </p>
  );
}
