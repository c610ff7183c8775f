import { createHash } from "node:crypto";

/**
 * The whole stylesheet of the public site, inlined in every page (one request, ~3 KB gzipped) and
 * allowed by its hash in the page's CSP. Readable measure and type, the portal's colour as the
 * accent, dark mode from the reader's system, one column on phones.
 */
export function siteCss(accent: string): string {
  return `:root{--accent:${accent};--fg:#1f2328;--muted:#59636e;--bg:#fff;--soft:#f6f8fa;--line:#d1d9e0;color-scheme:light dark}
@media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--muted:#9198a1;--bg:#0d1117;--soft:#151b23;--line:#3d444d}}
*{box-sizing:border-box}html{-webkit-text-size-adjust:100%}body{margin:0;font:17px/1.65 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
a{color:var(--accent)}a:hover{text-decoration-thickness:2px}
.wrap{max-width:72rem;margin:0 auto;padding:0 1.25rem}.narrow{max-width:46rem}
header.site{border-bottom:1px solid var(--line);background:var(--soft)}header.site .wrap{display:flex;gap:1rem;align-items:center;justify-content:space-between;flex-wrap:wrap;padding-top:.75rem;padding-bottom:.75rem}
.brand{font-weight:700;font-size:1.15rem;color:var(--fg);text-decoration:none}.brand img{height:2rem;vertical-align:middle;margin-right:.5rem}
nav.locales{display:flex;gap:.75rem;font-size:.9rem}nav.locales a[aria-current]{font-weight:700;color:var(--fg);text-decoration:none}
.hero{padding:2.5rem 0 2rem;text-align:center}.hero h1{font-size:clamp(1.6rem,4vw,2.3rem);margin:0 0 1rem;line-height:1.2}
form.search{display:flex;gap:.5rem;max-width:36rem;margin:0 auto}form.search input{flex:1;min-width:0;font:inherit;padding:.6rem .8rem;border:1px solid var(--line);border-radius:.5rem;background:var(--bg);color:var(--fg)}
button,.button{font:inherit;padding:.55rem 1rem;border-radius:.5rem;border:1px solid var(--accent);background:var(--accent);color:#fff;cursor:pointer}
button.secondary{background:transparent;color:var(--accent)}
.grid{display:grid;gap:1.25rem;grid-template-columns:repeat(auto-fill,minmax(17rem,1fr));padding:1rem 0 2rem}
.card{border:1px solid var(--line);border-radius:.75rem;padding:1.1rem 1.25rem;background:var(--bg)}.card h2,.card h3{font-size:1.1rem;margin:0 0 .5rem}
.card ul,.list{list-style:none;padding:0;margin:0}.card li{padding:.2rem 0}.list li{padding:.8rem 0;border-bottom:1px solid var(--line)}
.muted,.crumbs{color:var(--muted);font-size:.92rem}.crumbs ol{list-style:none;padding:0;margin:1.25rem 0 0;display:flex;flex-wrap:wrap;gap:.4rem}.crumbs li+li::before{content:"›";margin-right:.4rem}
article h1{font-size:clamp(1.6rem,4vw,2.2rem);line-height:1.25;margin:.75rem 0 .5rem}
.layout{display:grid;gap:2.5rem;grid-template-columns:minmax(0,1fr)}@media (min-width:64rem){.layout.has-toc{grid-template-columns:minmax(0,46rem) 15rem}}
.toc{font-size:.92rem;border-left:2px solid var(--line);padding-left:1rem;align-self:start}@media (min-width:64rem){.toc{position:sticky;top:1rem;order:2}}
.toc ol{list-style:none;padding:0;margin:.25rem 0}.toc .l3{padding-left:.9rem}
.body h2,.body h3,.body h4{line-height:1.3;margin:2rem 0 .6rem}.body img{max-width:100%;height:auto;border-radius:.4rem}
.body pre{overflow:auto;background:var(--soft);border:1px solid var(--line);border-radius:.5rem;padding:.8rem 1rem;font-size:.88rem;line-height:1.5}
.body code{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:.9em}.body :not(pre)>code{background:var(--soft);padding:.1em .3em;border-radius:.3em}
.body table{border-collapse:collapse;display:block;overflow:auto;max-width:100%}.body th,.body td{border:1px solid var(--line);padding:.4rem .7rem}.body th{background:var(--soft)}
.align-center{text-align:center}.align-right{text-align:right}.body blockquote{margin:1rem 0;padding:.2rem 1rem;border-left:4px solid var(--line);color:var(--muted)}
mark{background:color-mix(in srgb,var(--accent) 25%,transparent);color:inherit;border-radius:.2em}
.banner{background:#fff3cd;color:#664d03;border:1px solid #ffe69c;padding:.6rem 1rem;border-radius:.5rem;margin-top:1rem;font-weight:600}
.feedback{margin:2.5rem 0;padding:1rem 1.25rem;border:1px solid var(--line);border-radius:.75rem;display:flex;gap:.75rem;align-items:center;flex-wrap:wrap}.feedback form{display:inline}
footer.site{border-top:1px solid var(--line);margin-top:3rem;padding:1.5rem 0;color:var(--muted);font-size:.9rem}
.beacon,.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);opacity:0}
@media (max-width:40rem){body{font-size:16px}.hero{padding:1.5rem 0}}`;
}

const hashes = new Map<string, string>();

/** The CSP source for the stylesheet of this accent colour ('sha256-…'). */
export function styleHash(css: string): string {
  let h = hashes.get(css);
  if (!h) {
    h = `'sha256-${createHash("sha256").update(css, "utf8").digest("base64")}'`;
    if (hashes.size > 1000) hashes.clear();
    hashes.set(css, h);
  }
  return h;
}
