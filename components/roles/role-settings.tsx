"use client";

import { useState, type FormEvent } from "react";
import { createCustomRoleAction, deleteCustomRoleAction, updateCustomRoleAction } from "@/app/_server/actions/roles";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { EditFormActions } from "@/components/ui/edit-form-actions";
import { Field, Input } from "@/components/ui/field";
import { useAction } from "@/components/use-action";

export type RoleView = { id: number; name: string; description: string | null; permissions: string[]; members: number };
export type PermissionOption = { id: string; label: string; hint: string };

/** Add a role, or edit one: name, description, and one checkbox per permission. */
export function RoleForm({ accountId, options, role, onDone }: { accountId: number; options: PermissionOption[]; role?: RoleView; onDone?: () => void }) {
  const create = useAction(createCustomRoleAction);
  const update = useAction(updateCustomRoleAction);
  const { pending, error } = role ? update : create;
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const data = new FormData(form);
    const input = {
      accountId,
      name: String(data.get("name") ?? ""),
      description: String(data.get("description") ?? ""),
      permissions: data.getAll("permissions").map(String),
    };
    if (role) update.run({ ...input, roleId: role.id }, () => onDone?.());
    else create.run(input, () => form.reset());
  };
  const prefix = role ? `role-${role.id}` : "new-role";
  return (
    <form onSubmit={onSubmit} className="grid gap-4 p-5 sm:grid-cols-2" aria-label={role ? `Edit role ${role.name}` : "Add a role"}>
      <Field id={`${prefix}-name`} label="Name">
        <Input id={`${prefix}-name`} name="name" defaultValue={role?.name} required maxLength={255} />
      </Field>
      <Field id={`${prefix}-description`} label="Description">
        <Input id={`${prefix}-description`} name="description" defaultValue={role?.description ?? ""} maxLength={1000} />
      </Field>
      <fieldset className="sm:col-span-2">
        <legend className="text-sm font-medium text-slate-700">Permissions</legend>
        <p className="mt-0.5 text-xs text-slate-500">
          Conversations: the first three decide which conversations of their inboxes they see; with none, they see no conversation.
        </p>
        <div className="mt-2 grid gap-2 sm:grid-cols-2">
          {options.map((o) => (
            <label key={o.id} className="flex items-start gap-2 text-sm text-slate-700">
              <input type="checkbox" name="permissions" value={o.id} defaultChecked={role?.permissions.includes(o.id)} className="mt-1" />
              <span>
                {o.label}
                <span className="block text-xs text-slate-500">{o.hint}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      <EditFormActions noun="role" editing={Boolean(role)} pending={pending} error={error} onCancel={onDone} wide />
    </form>
  );
}

export function RoleRow({ accountId, options, role }: { accountId: number; options: PermissionOption[]; role: RoleView }) {
  const [editing, setEditing] = useState(false);
  const remove = useAction(deleteCustomRoleAction);
  if (editing) return <RoleForm accountId={accountId} options={options} role={role} onDone={() => setEditing(false)} />;
  const labels = role.permissions.map((p) => options.find((o) => o.id === p)?.label ?? p);
  return (
    <div className="flex items-center gap-3 px-5 py-3">
      <div className="min-w-0 flex-1">
        <p className="text-sm font-medium text-slate-900">{role.name}</p>
        {role.description ? <p className="truncate text-xs text-slate-500">{role.description}</p> : null}
        <p className="mt-1 text-xs text-slate-600">{labels.length > 0 ? labels.join(" · ") : "No permissions"}</p>
      </div>
      <span className="text-xs text-slate-500">
        {role.members} {role.members === 1 ? "member" : "members"}
      </span>
      <Button variant="secondary" size="sm" onClick={() => setEditing(true)} aria-label={`Edit role ${role.name}`}>
        Edit
      </Button>
      <Button
        variant="secondary"
        size="sm"
        disabled={remove.pending}
        aria-label={`Delete role ${role.name}`}
        onClick={() => {
          if (window.confirm(`Delete the role "${role.name}"? Its members become agents.`)) remove.run({ accountId, roleId: role.id });
        }}
      >
        Delete
      </Button>
      {remove.error ? <Alert>{remove.error}</Alert> : null}
    </div>
  );
}
