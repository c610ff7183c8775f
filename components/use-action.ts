"use client";

import { useCallback, useState, useTransition } from "react";
import type { FieldErrors, ServerAction } from "@/app/_server/action";

/**
 * Runs a server action from an event handler: tracks pending state and keeps the action's error
 * message for display, and its problems by field (`fieldErrors`, for <Field error>). The action itself refreshes the page's server components on success.
 */
export function useAction<I, T>(action: ServerAction<I, T>) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const run = useCallback(
    (input: I, onSuccess?: (data: T) => void) => {
      setError(null);
      setFieldErrors({});
      startTransition(async () => {
        try {
          const result = await action(input);
          if (result.ok) onSuccess?.(result.data);
          else {
            setError(result.error);
            setFieldErrors(result.fieldErrors ?? {});
          }
        } catch {
          setError("Could not reach the server. Check your connection and try again.");
        }
      });
    },
    [action],
  );
  return { run, pending, error, fieldErrors, clearError: () => setError(null) };
}
