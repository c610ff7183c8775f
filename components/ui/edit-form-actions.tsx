import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

/**
 * The foot of a settings list's add/edit form: the action's error, then "Add x" (a new item) or
 * "Save x" with Cancel (an existing one being edited). `wide` spans a two-column form grid.
 */
export function EditFormActions({
  noun,
  editing,
  pending,
  error,
  onCancel,
  wide = false,
}: {
  noun: string;
  editing: boolean;
  pending: boolean;
  error: string | null | undefined;
  onCancel?: () => void;
  wide?: boolean;
}) {
  const span = wide ? "sm:col-span-2" : "";
  return (
    <>
      {error ? <div className={span}><Alert>{error}</Alert></div> : null}
      <div className={`flex gap-2 ${span}`}>
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : editing ? `Save ${noun}` : `Add ${noun}`}
        </Button>
        {editing ? (
          <Button type="button" variant="secondary" onClick={onCancel}>
            Cancel
          </Button>
        ) : null}
      </div>
    </>
  );
}
