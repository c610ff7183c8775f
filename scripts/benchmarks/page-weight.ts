import fs from "node:fs";
import path from "node:path";

/**
 * What a page weighs: its HTML, and the part of it that is the RSC payload (the props of client
 * components, sent once more as data for hydration). With `saveAs` (`--save-pages DIR`), the HTML
 * as weighed is kept, to see what the payload carries.
 */
export async function weighPage(url: string, headers: Record<string, string>, saveAs?: string): Promise<{ html_bytes: number; rsc_bytes: number }> {
  const html = await (await fetch(url, { headers: { ...headers, "accept-encoding": "identity" } })).text();
  if (saveAs) {
    fs.mkdirSync(path.dirname(saveAs), { recursive: true });
    fs.writeFileSync(saveAs, html);
  }
  const rsc = [...html.matchAll(/self\.__next_f\.push\((.*?)\)<\/script>/gs)].reduce((n, m) => n + m[1].length, 0);
  return { html_bytes: html.length, rsc_bytes: rsc };
}
