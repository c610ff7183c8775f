import type { Db } from "@/db/client";
import { userActor } from "@/lib/auth/actor";
import { createRule } from "@/lib/automation/rules";
import { createLabel } from "@/lib/labels/labels";
import * as f from "@/tests/factories";

/**
 * The setup the evaluation's and the firings' cost tests share: a workspace with a label, a
 * contact, and an active rule that puts the label on a conversation whose new message contains
 * `word` (the commonest rule an administrator writes).
 */
export async function workspaceWithLabelRule(db: Db, options: { name: string; word: string; label: string }) {
  const w = await f.createWorkspace(db);
  const admin = userActor(w.admin.id);
  await createLabel(db, admin, w.account.id, { title: options.label });
  const contact = await f.createContact(db, w.account.id, { email: "jane@customer.example", name: "Jane" });
  const rule = await createRule(db, admin, w.account.id, {
    name: options.name,
    event_name: "message_created",
    conditions: [{ attribute_key: "content", filter_operator: "contains", values: [options.word], query_operator: null }],
    actions: [{ action_name: "add_label", action_params: [options.label] }],
  });
  return { w, admin, contact, rule };
}
