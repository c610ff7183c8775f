"use client";

import { Field, Input, Select } from "@/components/ui/field";

export type EmailApiValues = { domain: string; region: "us" | "eu" | "custom"; baseUrl: string; apiKey: string };
export const emptyEmailApiValues: EmailApiValues = { domain: "", region: "us", baseUrl: "", apiKey: "" };

/**
 * The sending side of the `imap_api` transport (Mailgun): sending domain, region, API key. Used by
 * the Microsoft 365 wizard and the inbox's settings; there the key is write-only ("leave blank to
 * keep"), since the server never sends it back.
 */
export function EmailApiFields({ values, onChange, keyStored = false }: { values: EmailApiValues; onChange: (values: EmailApiValues) => void; keyStored?: boolean }) {
  const set = (patch: Partial<EmailApiValues>) => onChange({ ...values, ...patch });
  return (
    <fieldset className="space-y-3 rounded-md border border-slate-200 p-3">
      <legend className="px-1 text-sm font-medium text-slate-700">Mailgun (sends this inbox&apos;s mail)</legend>
      <Field id="email-api-domain" label="Sending domain" hint="As listed in Mailgun → Sending → Domains, e.g. mg.example.com. It must be verified there.">
        <Input id="email-api-domain" required value={values.domain} onChange={(e) => set({ domain: e.target.value })} placeholder="mg.example.com" />
      </Field>
      <Field id="email-api-region" label="Mailgun region" hint="Where the domain was created: EU domains only work with the EU API.">
        <Select id="email-api-region" value={values.region} onChange={(e) => set({ region: e.target.value as EmailApiValues["region"] })}>
          <option value="us">US (api.mailgun.net)</option>
          <option value="eu">EU (api.eu.mailgun.net)</option>
          <option value="custom">Other API base URL</option>
        </Select>
      </Field>
      {values.region === "custom" ? (
        <Field id="email-api-base-url" label="API base URL" hint="https:// (plain http only to this machine).">
          <Input id="email-api-base-url" required value={values.baseUrl} onChange={(e) => set({ baseUrl: e.target.value })} placeholder="https://api.mailgun.net" />
        </Field>
      ) : null}
      <Field
        id="email-api-key"
        label="API key"
        hint={keyStored ? "Leave blank to keep the stored key. It is stored encrypted and never shown again." : "A Private API key (Mailgun → API Security). Stored encrypted, never shown again."}
      >
        <Input id="email-api-key" type="password" autoComplete="off" required={!keyStored} value={values.apiKey} onChange={(e) => set({ apiKey: e.target.value })} />
      </Field>
    </fieldset>
  );
}
