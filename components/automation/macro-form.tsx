"use client";

import { useState, type FormEvent } from "react";
import { deleteMacroAction, saveMacroAction } from "@/app/_server/actions/automation";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EditFormActions } from "@/components/ui/edit-form-actions";
import { Field, Input, Select } from "@/components/ui/field";
import { useAction } from "@/components/use-action";
import { ActionEditor } from "./action-editor";
import { MacroFileParam, type MacroFileName } from "./macro-file-param";
import { ACTION_LABELS, MACRO_ACTION_NAMES, type EditorOptions, type StoredAction } from "./options";

type MacroView = { id: number; name: string; visibility: "personal" | "global"; actions: StoredAction[]; files?: MacroFileName[] };

/** Add or edit a macro: a name, who sees it, and its actions in order. */
export function MacroForm({ accountId, options, isAdmin, macro, onDone }: { accountId: number; options: EditorOptions; isAdmin: boolean; macro?: MacroView; onDone?: () => void }) {
  const save = useAction(saveMacroAction);
  const [actions, setActions] = useState<StoredAction[]>(macro?.actions ?? [{ action_name: "add_label", action_params: [] }]);
  const prefix = macro ? `macro-${macro.id}` : "new-macro";
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const data = new FormData(form);
    const body = { name: String(data.get("name") ?? ""), visibility: String(data.get("visibility") ?? "personal"), actions };
    save.run({ accountId, macroId: macro?.id, macro: body }, () => {
      if (!macro) {
        form.reset();
        setActions([{ action_name: "add_label", action_params: [] }]);
      }
      onDone?.();
    });
  };
  return (
    <form onSubmit={onSubmit} className="space-y-4 p-5" aria-label={macro ? `Edit macro ${macro.name}` : "Add a macro"}>
      <div className="grid gap-4 md:grid-cols-2">
        <Field id={`${prefix}-name`} label="Macro name">
          <Input id={`${prefix}-name`} name="name" defaultValue={macro?.name} required />
        </Field>
        <Field id={`${prefix}-visibility`} label="Who can use it" hint={isAdmin ? undefined : "Only administrators share macros."}>
          <Select id={`${prefix}-visibility`} name="visibility" defaultValue={macro?.visibility ?? "personal"} disabled={!isAdmin}>
            <option value="personal">Only me</option>
            <option value="global">Everyone</option>
          </Select>
        </Field>
      </div>
      <section aria-label="Actions">
        <h3 className="mb-2 text-sm font-medium text-slate-800">Actions, in order</h3>
        <ActionEditor
          names={MACRO_ACTION_NAMES}
          options={options}
          value={actions}
          onChange={setActions}
          fileParam={(p) => <MacroFileParam accountId={accountId} known={macro?.files ?? []} {...p} />}
        />
      </section>
      <EditFormActions noun="macro" editing={Boolean(macro)} pending={save.pending} error={save.error} onCancel={onDone} />
    </form>
  );
}

export function MacroRow({ accountId, options, isAdmin, editable, macro }: { accountId: number; options: EditorOptions; isAdmin: boolean; editable: boolean; macro: MacroView }) {
  const [editing, setEditing] = useState(false);
  const remove = useAction(deleteMacroAction);
  if (editing) return <MacroForm accountId={accountId} options={options} isAdmin={isAdmin} macro={macro} onDone={() => setEditing(false)} />;
  return (
    <div className="flex flex-wrap items-center gap-3 px-5 py-3">
      <div className="min-w-0 flex-1">
        <p className="text-sm font-medium text-slate-800">{macro.name}</p>
        <p className="text-xs text-slate-500">{macro.actions.map((a) => ACTION_LABELS[a.action_name] ?? a.action_name).join(" → ")}</p>
      </div>
      <Badge tone={macro.visibility === "global" ? "blue" : "slate"}>{macro.visibility === "global" ? "Shared" : "Personal"}</Badge>
      {editable ? (
        <>
          <Button variant="secondary" size="sm" onClick={() => setEditing(true)} aria-label={`Edit ${macro.name}`}>
            Edit
          </Button>
          <Button
            variant="danger"
            size="sm"
            disabled={remove.pending}
            aria-label={`Delete ${macro.name}`}
            onClick={() => {
              if (window.confirm(`Delete the macro ${macro.name}?`)) remove.run({ accountId, macroId: macro.id });
            }}
          >
            Delete
          </Button>
        </>
      ) : null}
      {remove.error ? <Alert>{remove.error}</Alert> : null}
    </div>
  );
}
