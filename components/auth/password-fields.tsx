"use client";

import { authInputClass } from "./auth-card";

/** A labelled field of the signed-out forms. */
export function AuthField({
  id,
  label,
  type = "text",
  autoComplete,
  defaultValue,
  minLength,
}: {
  id: string;
  label: string;
  type?: string;
  autoComplete?: string;
  defaultValue?: string;
  minLength?: number;
}) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium text-slate-700">
        {label}
      </label>
      <input id={id} name={id} type={type} autoComplete={autoComplete} required defaultValue={defaultValue} minLength={minLength} className={authInputClass} />
    </div>
  );
}
