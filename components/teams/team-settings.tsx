"use client";

import { useState, type FormEvent } from "react";
import { createTeamAction, deleteTeamAction, setTeamMembersAction, updateTeamAction } from "@/app/_server/actions/organize";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { EditFormActions } from "@/components/ui/edit-form-actions";
import { Field, Input } from "@/components/ui/field";
import { useAction } from "@/components/use-action";

export type TeamView = { id: number; name: string; description: string | null; allowAutoAssign: boolean; memberIds: number[] };
export type AgentOption = { id: number; name: string };

/** Add a team, or edit its name and description. */
export function TeamForm({ accountId, team, onDone }: { accountId: number; team?: TeamView; onDone?: () => void }) {
  const create = useAction(createTeamAction);
  const update = useAction(updateTeamAction);
  const { pending, error } = team ? update : create;
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const data = new FormData(form);
    const input = { accountId, name: String(data.get("name") ?? ""), description: String(data.get("description") ?? ""), allowAutoAssign: data.get("allowAutoAssign") === "on" };
    if (team) update.run({ ...input, teamId: team.id }, () => onDone?.());
    else create.run(input, () => form.reset());
  };
  const prefix = team ? `team-${team.id}` : "new-team";
  return (
    <form onSubmit={onSubmit} className="grid gap-4 p-5 sm:grid-cols-2" aria-label={team ? `Edit team ${team.name}` : "Add a team"}>
      <Field id={`${prefix}-name`} label="Name">
        <Input id={`${prefix}-name`} name="name" defaultValue={team?.name} required />
      </Field>
      <Field id={`${prefix}-description`} label="Description">
        <Input id={`${prefix}-description`} name="description" defaultValue={team?.description ?? ""} />
      </Field>
      <label className="flex items-start gap-2 text-sm text-slate-700 sm:col-span-2">
        <input type="checkbox" name="allowAutoAssign" defaultChecked={team?.allowAutoAssign ?? true} className="mt-0.5" />
        <span>
          Assign its conversations automatically
          <span className="block text-xs text-slate-500">
            In inboxes with automatic assignment on, an unassigned conversation of this team goes in turn to team members who are online and have room.
          </span>
        </span>
      </label>
      <EditFormActions noun="team" editing={Boolean(team)} pending={pending} error={error} onCancel={onDone} wide />
    </form>
  );
}

/** One team: its members (checkboxes of the account's agents, saved together), edit, delete. */
export function TeamRow({ accountId, team, agents }: { accountId: number; team: TeamView; agents: AgentOption[] }) {
  const [editing, setEditing] = useState(false);
  const remove = useAction(deleteTeamAction);
  const members = useAction(setTeamMembersAction);
  if (editing) return <TeamForm accountId={accountId} team={team} onDone={() => setEditing(false)} />;
  const onMembers = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    members.run({ accountId, teamId: team.id, userIds: data.getAll("member").map(Number) });
  };
  return (
    <div className="space-y-3 px-5 py-4">
      <div className="flex items-center gap-3">
        <div className="min-w-0 flex-1">
          <p className="font-medium text-slate-800">{team.name}</p>
          {team.description ? <p className="truncate text-xs text-slate-500">{team.description}</p> : null}
        </div>
        <Button variant="secondary" size="sm" onClick={() => setEditing(true)} aria-label={`Edit team ${team.name}`}>
          Edit
        </Button>
        <Button
          variant="secondary"
          size="sm"
          disabled={remove.pending}
          aria-label={`Delete team ${team.name}`}
          onClick={() => {
            if (window.confirm(`Delete the team "${team.name}"? Its conversations keep their agents.`)) remove.run({ accountId, teamId: team.id });
          }}
        >
          Delete
        </Button>
      </div>
      <form onSubmit={onMembers} aria-label={`Members of ${team.name}`} className="flex flex-wrap items-center gap-x-4 gap-y-2">
        {agents.map((a) => (
          <label key={a.id} className="flex items-center gap-1.5 text-sm text-slate-700">
            <input type="checkbox" name="member" value={a.id} defaultChecked={team.memberIds.includes(a.id)} /> {a.name}
          </label>
        ))}
        <Button type="submit" size="sm" variant="secondary" disabled={members.pending}>
          {members.pending ? "Saving…" : "Save members"}
        </Button>
      </form>
      {members.error || remove.error ? <Alert>{members.error ?? remove.error}</Alert> : null}
    </div>
  );
}
