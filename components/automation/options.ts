import { MACRO_ACTIONS, RULE_ONLY_ACTIONS } from "@/lib/automation/action-names";

/** What the rule and macro editors offer to choose from (read by the settings page). */
export type Option = { id: number; name: string };
export type EditorOptions = { inboxes: Option[]; teams: Option[]; agents: Option[]; labels: string[]; slaPolicies?: Option[] };

export type StoredAction = { action_name: string; action_params: unknown[] };

export const ACTION_LABELS: Record<string, string> = {
  assign_agent: "Assign an agent",
  assign_team: "Assign a team",
  remove_assigned_team: "Remove the team",
  add_label: "Add a label",
  remove_label: "Remove a label",
  change_status: "Change status",
  resolve_conversation: "Resolve",
  open_conversation: "Reopen",
  pending_conversation: "Mark pending",
  snooze_conversation: "Snooze until the next reply",
  change_priority: "Change priority",
  send_message: "Send a message",
  add_private_note: "Add a private note",
  add_participant: "Add a participant",
  send_email_transcript: "Email the transcript",
  send_email_to_team: "Email a team",
  mute_conversation: "Mute (resolve and block the contact)",
  send_attachment: "Send an attachment",
  assign_round_robin: "Assign via round-robin",
  send_webhook_event: "Send to a webhook",
  add_sla: "Apply an SLA policy",
};

export const MACRO_ACTION_NAMES: string[] = [...MACRO_ACTIONS];
export const RULE_ACTION_NAMES: string[] = [...MACRO_ACTIONS, ...RULE_ONLY_ACTIONS];
