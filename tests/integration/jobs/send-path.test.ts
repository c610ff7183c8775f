import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * Events go through sendEvent() (lib/jobs/send.ts), whose dispatcher (inngest/dispatch.ts) routes to Inngest or to the embedded
 * runner. A direct inngest.send() elsewhere would silently drop events on the embedded default.
 */
const ROOT = path.resolve(__dirname, "../../..");

function sources(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "node_modules" || entry.name.startsWith(".") ? [] : sources(full);
    return /\.(ts|tsx)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

describe("sending events", () => {
  it("only inngest/dispatch.ts calls inngest.send()", () => {
    const offenders = ["app", "components", "lib", "inngest", "scripts"]
      .flatMap((d) => sources(path.join(ROOT, d)))
      .filter((file) => path.relative(ROOT, file) !== path.join("inngest", "dispatch.ts"))
      .filter((file) => /\binngest\.send\(/.test(fs.readFileSync(file, "utf8")))
      .map((file) => path.relative(ROOT, file));
    expect(offenders).toEqual([]);
  });
});
