"use client";

import { useState } from "react";
import { resetApiTokenAction } from "@/app/_server/actions/profile";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/field";
import { useAction } from "@/components/use-action";

/** The user's API access token (the `api_access_token` header), with a two-step reset. */
export function ApiToken({ token }: { token: string }) {
  const { run, pending, error } = useAction(resetApiTokenAction);
  const [confirming, setConfirming] = useState(false);
  const [reset, setReset] = useState(false);
  return (
    <div className="space-y-3 p-5">
      <label htmlFor="api-access-token" className="block text-sm font-medium text-slate-700">
        Access token
      </label>
      <Input id="api-access-token" value={token} readOnly className="font-mono" onFocus={(e) => e.currentTarget.select()} />
      <p className="text-xs text-slate-500">
        Send it as the <code className="font-mono">api_access_token</code> header to call the API as yourself.
      </p>
      {error ? <Alert>{error}</Alert> : null}
      {reset ? <Alert tone="success">A new token was issued; the old one no longer works.</Alert> : null}
      {confirming ? (
        <div className="flex items-center gap-2">
          <span className="text-sm text-slate-700">Apps using the current token will stop working.</span>
          <Button
            variant="danger"
            size="sm"
            disabled={pending}
            onClick={() =>
              run({}, () => {
                setConfirming(false);
                setReset(true);
              })
            }
          >
            Yes, reset it
          </Button>
          <Button variant="ghost" size="sm" onClick={() => setConfirming(false)}>
            Cancel
          </Button>
        </div>
      ) : (
        <Button variant="secondary" onClick={() => setConfirming(true)}>
          Reset
        </Button>
      )}
    </div>
  );
}
