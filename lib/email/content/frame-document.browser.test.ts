import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, it } from "vitest";
import { describeE2E, useBrowser } from "@/tests/support/browser";
import { emailFrameDocument } from "./frame-document";

// A 1×1 GIF for every request, and a host page with the sandboxed frame the view uses.
const GIF = Buffer.from("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7", "base64");

async function recordingServer(): Promise<{ origin: string; hits: string[]; close: () => void }> {
  const hits: string[] = [];
  const server = http.createServer((req, res) => {
    hits.push(req.url ?? "");
    if (req.url === "/host") {
      res.setHeader("content-type", "text/html");
      res.end(`<iframe sandbox="allow-popups" id="mail"></iframe>`);
      return;
    }
    res.setHeader("content-type", "image/gif");
    res.end(GIF);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { origin: `http://127.0.0.1:${port}`, hits, close: () => server.close() };
}

describeE2E("email shown in its sandboxed frame", () => {
  const browser = useBrowser();

  it("loads the stored inline image and nothing from anywhere else, even if the sanitizer missed it", async () => {
    const app = await recordingServer();
    const tracker = await recordingServer();
    try {
      // Deliberately unsanitized: the frame's CSP and sandbox must hold on their own.
      const html =
        `<p>Hello</p><img id="inline" src="cid:one@example.com">` +
        `<img src="${tracker.origin}/direct.gif"><img data-blocked-src="${tracker.origin}/parked.gif">` +
        `<div style="background:url(${tracker.origin}/css.gif)">x</div>` +
        `<script>document.body.dataset.ran = "yes"; new Image().src = "${tracker.origin}/script.gif";</script>`;
      const doc = emailFrameDocument(html, { inlineImages: { "one@example.com": `${app.origin}/attachments/1` } });

      const page = await browser().newPage();
      await page.goto(`${app.origin}/host`);
      await page.evaluate((d) => {
        (document.getElementById("mail") as HTMLIFrameElement).srcdoc = d;
      }, doc);
      const frame = page.frames().find((f) => f !== page.mainFrame());
      if (!frame) throw new Error("the mail frame did not appear");
      await frame.waitForFunction(() => (document.getElementById("inline") as HTMLImageElement | null)?.complete === true);
      await frame.waitForFunction(() => Array.from(document.images).every((img) => img.complete));

      expect(await frame.evaluate(() => (document.getElementById("inline") as HTMLImageElement).naturalWidth)).toBe(1);
      expect(await frame.evaluate(() => document.body.dataset.ran ?? "no")).toBe("no");
      expect(app.hits).toContain("/attachments/1");
      expect(tracker.hits).toEqual([]);
      await page.close();
    } finally {
      app.close();
      tracker.close();
    }
  });
});
