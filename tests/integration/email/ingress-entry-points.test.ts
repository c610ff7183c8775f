import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * Every ingress endpoint goes through ingressRoute() (lib/email/ingress/ingress-route.ts), which
 * checks credentials through its extractor, routes, stores before parsing and answers unroutable
 * mail with an error status. A handler written by hand could skip any of these.
 */
const DIR = path.resolve(__dirname, "../../../app/api/ingress");

function routeFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? routeFiles(full) : e.name === "route.ts" ? [full] : [];
  });
}

describe("ingress route handlers", () => {
  it("build POST with ingressRoute() and export nothing else but a HEAD check", () => {
    const files = routeFiles(DIR);
    expect(files.map((f) => path.basename(path.dirname(f))).sort()).toEqual(["mailgun", "mandrill", "postmark", "relay", "sendgrid"]);
    for (const file of files) {
      const source = fs.readFileSync(file, "utf8");
      expect(source, file).toMatch(/export const POST = ingressRoute\(/);
      const exported = [...source.matchAll(/export (?:const|async function|function) (\w+)/g)].map((m) => m[1]);
      expect(exported.filter((name) => name !== "POST" && name !== "HEAD"), file).toEqual([]);
    }
  });
});
