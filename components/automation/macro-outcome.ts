import { ACTION_LABELS } from "./options";

type ActionResult = { action: string; status: "done" | "failed" | "skipped"; detail?: string };
type MacroRun = { queued: boolean; results: { displayId: number; actions: ActionResult[] }[] };

const plural = (n: number) => `${n} ${n === 1 ? "conversation" : "conversations"}`;

/**
 * What running a macro did, for the agent: one summary line, then a line per conversation where
 * something did not happen and why ("#13: not changed: Conversation not found" when every action
 * was refused the same way, e.g. a conversation outside the agent's inboxes).
 */
export function describeMacroRun(name: string, run: MacroRun, requested = run.results.length): { summary: string; problems: string[] } {
  if (run.queued) return { summary: `${name} is running on ${plural(requested)} in the background`, problems: [] };
  const ran = run.results.filter((c) => c.actions.some((a) => a.status === "done")).length;
  const total = run.results.length;
  const problems = run.results.flatMap((c) => {
    const missed = c.actions.filter((a) => a.status !== "done");
    if (missed.length === 0) return [];
    const reasons = new Set(missed.map((a) => a.detail ?? a.status));
    if (missed.length === c.actions.length && missed.every((a) => a.status === "failed") && reasons.size === 1) return [`#${c.displayId}: not changed: ${[...reasons][0]}`];
    return [`#${c.displayId}: ${missed.map((a) => `${ACTION_LABELS[a.action] ?? a.action} ${a.status}${a.detail ? `: ${a.detail}` : ""}`).join("; ")}`];
  });
  return { summary: ran === total ? `${name} ran on ${plural(total)}` : `${name} ran on ${ran} of ${plural(total)}`, problems };
}
