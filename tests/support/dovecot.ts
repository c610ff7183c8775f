import { afterAll, beforeAll, describe, it } from "vitest";
import { env } from "@/lib/env";
import { hasDovecot, MISSING_DOVECOT as MISSING, startDovecot, type Dovecot, type DovecotOptions } from "./dovecot-server";

/**
 * Vitest helpers around a private Dovecot (dovecot-server.ts):
 *
 *   describeDovecot("polling", () => {
 *     const dovecot = useDovecot();
 *     it("...", async () => { await dovecot().addUser("support@example.test", "secret"); ... });
 *   });
 *
 * Without Dovecot the suite is skipped with one line saying what to install, except under CI=true
 * where it fails (the requirement is part of the CI contract).
 */
export { DOVECOT_PATH, hasDovecot, startDovecot, type Dovecot, type DovecotOptions } from "./dovecot-server";

/** describe() for suites that need Dovecot: skipped without it, failing instead under CI=true. */
export function describeDovecot(name: string, body: () => void): void {
  if (hasDovecot()) {
    describe(name, body);
  } else if (env().CI === "true") {
    describe(name, () => {
      it("needs Dovecot", () => {
        throw new Error(MISSING);
      });
    });
  } else {
    console.warn(`[imap] skipped "${name}": ${MISSING}`);
    describe.skip(name, body);
  }
}

/** One Dovecot for the calling test file (call at the top of a describeDovecot block). */
export function useDovecot(options: DovecotOptions = {}): () => Dovecot {
  let server: Dovecot | undefined;
  beforeAll(async () => {
    server = await startDovecot(options);
  }, 30_000);
  afterAll(async () => {
    await server?.stop();
  });
  return () => {
    if (!server) throw new Error("Dovecot is not running (useDovecot must be called at the top of a describeDovecot block)");
    return server;
  };
}
