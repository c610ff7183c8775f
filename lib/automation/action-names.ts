/**
 * The names of the actions macros and rules can take (Chatwoot's `action_name`s). Kept apart from
 * ./actions.ts, which runs them, so the settings screens can list them without server code.
 */
export const MACRO_ACTIONS = [
  "assign_agent",
  "assign_team",
  "remove_assigned_team",
  "add_label",
  "remove_label",
  "change_status",
  "resolve_conversation",
  "open_conversation",
  "pending_conversation",
  "snooze_conversation",
  "change_priority",
  "send_message",
  "add_private_note",
  "add_participant",
  "send_email_transcript",
  "send_email_to_team",
  "mute_conversation",
  // The files are kept with the macro or the rule (./macro-files.ts, ./rule-files.ts).
  "send_attachment",
] as const;

/** Actions only rules have. */
export const RULE_ONLY_ACTIONS = ["assign_round_robin", "send_webhook_event", "add_sla"] as const;
