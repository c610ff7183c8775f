import { describe, expect, it } from "vitest";
import { userActor } from "@/lib/auth/actor";
import { changeConversationLabels } from "@/lib/labels/conversation-labels";
import { createLabel } from "@/lib/labels/labels";
import type { RecordedStatement } from "@/scripts/benchmarks/pg-wire-recorder";
import * as f from "@/tests/factories";
import { useTestDatabase } from "@/tests/support/db";
import { useWireRecording } from "@/tests/support/wire-recording";

/**
 * A label change (a person's click, or a rule's add_label: the firing most rules make) reads the
 * conversation's row once: the previous label list comes with the label rows it already reads.
 */
const db = useTestDatabase();
const record = useWireRecording();

/** The conversation row's read (db/queries/conversation-summaries.ts), by its unmistakable select list. */
const summaryReads = (statements: RecordedStatement[]) => statements.filter((s) => /select c\.id, c\.account_id, c\.display_id, c\.uuid/.test(s.text));

describe("a label change", () => {
  it("reads the conversation's summary once and still reports the previous and current lists", async () => {
    const w = await f.createWorkspace(db());
    for (const title of ["billing", "vip"]) await createLabel(db(), userActor(w.admin.id), w.account.id, { title });
    const c = await f.createConversation(db(), w.account.id, w.inbox.id);
    await changeConversationLabels(db(), userActor(w.admin.id), w.account.id, c.displayId, { add: ["vip"] });

    let labels: string[] = [];
    const statements = await record(async () => {
      labels = (await changeConversationLabels(db(), userActor(w.admin.id), w.account.id, c.displayId, { add: ["billing"] })).labels;
    });
    expect(labels).toEqual(["billing", "vip"]);
    expect(summaryReads(statements)).toHaveLength(1);
    // The membership, the conversation, one write for label rows and updated_at (asking "any
    // webhook?" too), the summary, the actor's name, and the activity line as the commit's one write.
    const work = statements.map((s) => s.text.trim()).filter((t) => t !== "begin" && t !== "commit" && !/pg_catalog|select distinct "event_name"/.test(t));
    expect(work.length, work.join("\n---\n")).toBeLessThanOrEqual(6);
  });
});
