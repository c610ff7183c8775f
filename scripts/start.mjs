/**
 * `npm start` / `npm run dev`: compiles scripts/start.ts (and what it imports from the project)
 * into one ES module under node_modules/.cache/postdesk with esbuild, then runs it in this same process. The
 * supervising process is then plain Node, without a TypeScript loader thread or a resident
 * esbuild service beside it: with `npm start`, npm waits in front of it, with `node scripts/start.mjs`
 * nothing does. The bundle is rebuilt on every start (about a second); packages stay external.
 */
import { build, stop } from "esbuild";
import process from "node:process";
import path from "node:path";
import { pathToFileURL } from "node:url";

const root = process.cwd();
// Under node_modules (writable wherever `npm install` ran; not DATA_DIR, which may live elsewhere), so
// the bundle's bare imports resolve to the project's packages.
const outfile = path.join(root, "node_modules", ".cache", "postdesk", "start.mjs");
await build({
  entryPoints: [path.join(root, "scripts", "start.ts")],
  outfile,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  tsconfig: path.join(root, "tsconfig.json"),
  logLevel: "warning",
  // Bundled CommonJS helpers may call require(): give the module one.
  banner: { js: "import { createRequire as __postdeskRequire } from 'node:module'; const require = __postdeskRequire(import.meta.url);" },
});
await stop();
await import(pathToFileURL(outfile).href);
