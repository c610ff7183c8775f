"use client";

import { useState } from "react";
import { rotateApiInboxCredentialAction } from "@/app/_server/actions/api-inbox";
import { Button } from "@/components/ui/button";
import { useAction } from "@/components/use-action";

/**
 * One credential row of the API channel card (the HMAC token, the webhook secret) with a Rotate
 * button: after a confirmation the old value stops working at once and the new one is shown.
 */
export function RotatableCredential(props: {
  accountId: number;
  inboxId: number;
  credential: "hmac_token" | "secret";
  label: string;
  value: string | null;
  placeholder: string;
  warning: string;
  testId: string;
}) {
  const { run, pending, error } = useAction(rotateApiInboxCredentialAction);
  const [value, setValue] = useState(props.value);
  const rotate = () => {
    if (!window.confirm(props.warning)) return;
    run({ accountId: props.accountId, inboxId: props.inboxId, credential: props.credential }, (data) => setValue(data.value));
  };
  return (
    <div className="flex items-start gap-2">
      <dt className="w-32 shrink-0 text-slate-500">{props.label}</dt>
      <dd className="min-w-0 flex-1 font-mono break-all text-slate-800" data-testid={props.testId}>
        {value ?? props.placeholder}
        {error ? <span className="block font-sans text-xs text-red-600">{error}</span> : null}
      </dd>
      <Button type="button" variant="secondary" size="sm" onClick={rotate} disabled={pending} aria-label={`Rotate ${props.label}`}>
        {pending ? "Rotating…" : "Rotate"}
      </Button>
    </div>
  );
}
