import { describe, expect, it, vi } from "vitest";
import type { MessageDetails } from "@/lib/messages/types";

// Counts the sanitizer's runs, still running the real one.
const runs = vi.hoisted(() => ({ n: 0 }));
vi.mock("@/lib/email/content/sanitize-html", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/lib/email/content/sanitize-html")>();
  return { ...real, sanitizeEmailHtml: (...args: Parameters<typeof real.sanitizeEmailHtml>) => (runs.n++, real.sanitizeEmailHtml(...args)) };
});
const { emailView } = await import("./email-message");

const quoted = `<p>Thanks, that works.</p><blockquote>On Monday you wrote:<p>Try <a href="https://help.example/a" onclick="steal()">this</a></p><img src="https://track.example/p.gif"><script>alert(1)</script></blockquote>`;
const email = (id: number, full: string, reply: string | null) =>
  ({ id, accountId: 1, content: "Thanks", contentType: "incoming_email", contentAttributes: { email: { from: ["lee@customer.test"], html_content: { full, reply } } } }) as unknown as MessageDetails;

describe("an email's body in the thread", () => {
  it("is sanitized once per process, not on every render of the page: the second view of a thread runs no sanitizer", async () => {
    const thread = Array.from({ length: 10 }, (_, i) => email(i + 1, `${quoted}<p>mail ${i}</p>`, "<p>Thanks, that works.</p>"));
    runs.n = 0;
    const first = thread.map((m) => emailView(m, [], "http://app.test"));
    const afterFirst = runs.n;
    expect(afterFirst).toBeGreaterThan(0);
    const second = thread.map((m) => emailView(m, [], "http://app.test"));
    expect(runs.n).toBe(afterFirst);
    expect(second).toEqual(first);
    // Still sanitized: no script, no handler, no remote image source.
    for (const view of second) {
      expect(view.body.html?.full).not.toMatch(/<script|onclick|\ssrc="https:\/\/track/);
      expect(view.body.html?.full).toContain('href="https://help.example/a"');
    }
    // A body edited through the API is a new input: sanitized again.
    emailView(email(1, `${quoted}<p>edited</p><img src=x onerror=alert(1)>`, null), [], "http://app.test");
    expect(runs.n).toBe(afterFirst + 1);
  });
});
