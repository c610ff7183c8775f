import { afterEach, describe, expect, it, vi } from "vitest";
import { DrizzleQueryError } from "drizzle-orm/errors";
import { setEnvVar } from "./env";
import { createLogger } from "./logger";
import { errorText } from "./storable-text";

/** Logs never carry message bodies: a failed statement's parameters hold whole bodies. */
describe("logger", () => {
  afterEach(() => vi.restoreAllMocks());

  it("never writes a failed statement's parameters (a message body), and caps long text", () => {
    setEnvVar("LOG_LEVEL", "info");
    const lines: string[] = [];
    vi.spyOn(console, "error").mockImplementation((line: string) => void lines.push(line));
    const body = `SECRET-BODY ${"lorem ipsum ".repeat(5000)}`;
    const failed = new DrizzleQueryError('insert into "messages" ("content") values ($1)', [body], new Error('invalid byte sequence for encoding "UTF8": 0x00'));
    const log = createLogger("test");
    log.error("email import failed", { error: String(failed) });
    log.error("email import failed", { error: errorText(failed) });
    log.error("something long", { excerpt: body });
    expect(lines).toHaveLength(3);
    for (const line of lines) expect(line.length).toBeLessThan(2500);
    expect(lines.slice(0, 2).join("\n")).not.toContain("SECRET-BODY");
    expect(lines[1]).toContain("0x00");
  });
});
