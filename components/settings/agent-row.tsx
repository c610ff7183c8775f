"use client";

import { useEffect, useState } from "react";
import { removeAgentAction, updateAgentAction } from "@/app/_server/actions/settings";
import { PresenceAvatar } from "@/components/realtime/use-presence";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/field";
import { useAction } from "@/components/use-action";

type Agent = {
  id: number;
  name: string;
  email: string;
  role: "administrator" | "agent";
  /** A custom role in place of Agent (Settings → Roles), or null. */
  customRoleId: number | null;
  availability: "online" | "busy" | "offline";
  /** What others see (offline while an "online" agent has no open app tab); drives the status dot. */
  presence: "online" | "busy" | "offline";
};

/**
 * One agent: role and availability selects, and a two-step Remove. What the viewer may change
 * decides what is editable; the domain still checks (and its refusals are shown here).
 */
// The role select's value: a built-in role, or `custom-{id}` for a custom role.
const roleValue = (a: { role: Agent["role"]; customRoleId: number | null }) => (a.customRoleId !== null ? `custom-${a.customRoleId}` : a.role);

export function AgentRow({
  accountId,
  agent,
  isAdmin,
  isSelf,
  customRoles = [],
}: {
  accountId: number;
  agent: Agent;
  isAdmin: boolean;
  isSelf: boolean;
  customRoles?: { id: number; name: string }[];
}) {
  const update = useAction(updateAgentAction);
  const remove = useAction(removeAgentAction);
  const [confirming, setConfirming] = useState(false);
  const [role, setRole] = useState(roleValue(agent));
  const [availability, setAvailability] = useState(agent.availability);
  // A refused change (the last administrator, say) shows what is really saved again.
  useEffect(() => {
    if (remove.error) setConfirming(false);
  }, [remove.error]);
  useEffect(() => {
    if (update.error) {
      setRole(roleValue(agent));
      setAvailability(agent.availability);
    }
  }, [update.error, agent]);
  const error = update.error ?? remove.error;
  const roleId = `agent-${agent.id}-role`;
  const availabilityId = `agent-${agent.id}-availability`;
  return (
    <tr className="align-top">
      <td className="px-4 py-3">
        <div className="flex items-center gap-2.5">
          <PresenceAvatar userId={agent.id} name={agent.name} availability={agent.presence} size="sm" />
          <div className="min-w-0">
            <p className="truncate text-sm font-medium text-slate-900">
              {agent.name}
              {isSelf ? <span className="ml-1.5 text-xs font-normal text-slate-500">(you)</span> : null}
            </p>
            <p className="truncate text-xs text-slate-500">{agent.email}</p>
          </div>
        </div>
        {error ? (
          <p role="alert" className="mt-1.5 text-xs text-red-700">
            {error}
          </p>
        ) : null}
      </td>
      <td className="px-4 py-3">
        <label htmlFor={roleId} className="sr-only">
          Role of {agent.name}
        </label>
        <Select
          id={roleId}
          value={role}
          disabled={!isAdmin || update.pending}
          onChange={(e) => {
            const next = e.target.value;
            setRole(next);
            const custom = /^custom-(\d+)$/.exec(next);
            if (custom) update.run({ accountId, userId: agent.id, customRoleId: Number(custom[1]) });
            else update.run({ accountId, userId: agent.id, role: next as Agent["role"], customRoleId: null });
          }}
          className="h-8 w-40 text-xs"
        >
          <option value="agent">Agent</option>
          <option value="administrator">Administrator</option>
          {customRoles.map((r) => (
            <option key={r.id} value={`custom-${r.id}`}>
              {r.name}
            </option>
          ))}
        </Select>
      </td>
      <td className="px-4 py-3">
        <label htmlFor={availabilityId} className="sr-only">
          Availability of {agent.name}
        </label>
        <Select
          id={availabilityId}
          value={availability}
          disabled={!(isAdmin || isSelf) || update.pending}
          onChange={(e) => {
            const next = e.target.value as Agent["availability"];
            setAvailability(next);
            update.run({ accountId, userId: agent.id, availability: next });
          }}
          className="h-8 w-28 text-xs"
        >
          <option value="online">Online</option>
          <option value="busy">Busy</option>
          <option value="offline">Offline</option>
        </Select>
      </td>
      <td className="px-4 py-3 text-right">
        {isAdmin ? (
          confirming ? (
            <span className="inline-flex gap-1.5">
              <Button size="sm" variant="danger" disabled={remove.pending} onClick={() => remove.run({ accountId, userId: agent.id }, () => setConfirming(false))}>
                Confirm remove
              </Button>
              <Button size="sm" variant="ghost" onClick={() => setConfirming(false)}>
                Cancel
              </Button>
            </span>
          ) : (
            <Button size="sm" variant="ghost" onClick={() => setConfirming(true)} aria-label={`Remove ${agent.name}`}>
              Remove
            </Button>
          )
        ) : null}
      </td>
    </tr>
  );
}
