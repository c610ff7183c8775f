"use client";

import { useState } from "react";
import { resetApiTokenAction } from "@/app/_server/actions/profile";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/field";
import { useAction } from "@/components/use-action";

/**
 * The user's API access token (the `api_access_token` header). It is stored hashed, so it is shown
 * only right after it is made: "Reset" (two steps) issues a new one and shows it this once.
 */
export function ApiToken({ hasToken }: { hasToken: boolean }) {
  const { run, pending, error } = useAction(resetApiTokenAction);
  const [confirming, setConfirming] = useState(false);
  const [issued, setIssued] = useState<string | null>(null);
  return (
    <div className="space-y-3 p-5">
      <p className="text-sm text-slate-700">
        Send your token as the <code className="font-mono">api_access_token</code> header to call the API as yourself.{" "}
        {hasToken || issued
          ? "It is stored only in a form that cannot be read back, so it is shown once, when it is made; if you lost it, reset it."
          : "You have no token yet: create one."}
      </p>
      {issued ? (
        <div className="space-y-1.5">
          <label htmlFor="api-access-token" className="block text-sm font-medium text-slate-700">
            Your new access token
          </label>
          <Input id="api-access-token" value={issued} readOnly className="font-mono" onFocus={(e) => e.currentTarget.select()} />
          <Alert tone="success">Copy it now; it will not be shown again. The previous token no longer works.</Alert>
        </div>
      ) : null}
      {error ? <Alert>{error}</Alert> : null}
      {confirming ? (
        <div className="flex items-center gap-2">
          <span className="text-sm text-slate-700">Apps using the current token will stop working.</span>
          <Button
            variant="danger"
            size="sm"
            disabled={pending}
            onClick={() =>
              run({}, (result) => {
                setConfirming(false);
                setIssued(result.apiAccessToken);
              })
            }
          >
            Yes, reset it
          </Button>
          <Button variant="ghost" size="sm" onClick={() => setConfirming(false)}>
            Cancel
          </Button>
        </div>
      ) : hasToken || issued ? (
        <Button variant="secondary" onClick={() => setConfirming(true)}>
          Reset
        </Button>
      ) : (
        <Button variant="secondary" disabled={pending} onClick={() => run({}, (result) => setIssued(result.apiAccessToken))}>
          Create a token
        </Button>
      )}
    </div>
  );
}
