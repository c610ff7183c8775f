import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { publicAction, runActionAs, serverAction } from "@/app/_server/action";
import { userActor } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors";
import { useTestDatabase } from "../../support/db";

/** What every server action answers, whatever its handler does: the wrapper's contract. */
useTestDatabase();
const alice = { actor: userActor(7), userId: 7 };

describe("the server-action wrapper", () => {
  const echo = serverAction(z.object({ name: z.string().min(1, "Name can't be blank"), tags: z.array(z.string()).optional() }), async ({ actor }, input) => ({
    actor,
    input,
  }));

  it("passes the session's actor and the parsed input to the handler", async () => {
    expect(await runActionAs(echo, alice, { name: "x" })).toEqual({ ok: true, data: { actor: alice.actor, input: { name: "x" } } });
  });

  it("reads form posts, repeated fields as lists", async () => {
    const form = new FormData();
    form.append("name", "Ann");
    form.append("tags", "a");
    form.append("tags", "b");
    form.append("$ACTION_ID_abc", "");
    expect(await runActionAs(echo, alice, form as never)).toEqual({ ok: true, data: { actor: alice.actor, input: { name: "Ann", tags: ["a", "b"] } } });
  });

  it("answers invalid input with the schema's message, before running anything", async () => {
    expect(await runActionAs(echo, alice, { name: "" })).toEqual({ ok: false, error: "Name can't be blank", fieldErrors: { name: "Name can't be blank" } });
  });

  it("refuses a signed-out caller, but not in a public action", async () => {
    expect(await runActionAs(echo, null, { name: "x" })).toEqual({ ok: false, error: "Your session has ended, sign in again" });
    const ping = publicAction(z.object({}), async () => "pong");
    expect(await runActionAs(ping, null, {})).toEqual({ ok: true, data: "pong" });
  });

  it("shows an expected failure's message, and hides a bug behind a reference that is logged", async () => {
    const refused = serverAction(z.object({}), async () => {
      throw new AppError("forbidden", "Only administrators can do that");
    });
    expect(await runActionAs(refused, alice, {})).toEqual({ ok: false, error: "Only administrators can do that" });

    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const broken = serverAction(z.object({}), async () => {
        throw new Error("connection reset: secret-host:5432");
      });
      const result = await runActionAs(broken, alice, {});
      expect(result.ok).toBe(false);
      const message = result.ok ? "" : result.error;
      expect(message).not.toContain("secret-host");
      const reference = /reference ([0-9a-f]{8})/.exec(message)?.[1];
      expect(reference).toBeDefined();
      const line = logged.mock.calls.map((c) => String(c[0])).find((l) => l.includes(reference ?? "none"));
      expect(line).toContain("connection reset: secret-host:5432");
    } finally {
      logged.mockRestore();
    }
  });
});
