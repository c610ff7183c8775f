/**
 * `npm start` / `npm run dev`: compiles scripts/start.ts (and what it imports from the project)
 * into one ES module under node_modules/.cache/postdesk with esbuild, then runs it in this same process. The
 * supervising process is then plain Node, without a TypeScript loader thread or a resident
 * esbuild service beside it: with `npm start`, npm waits in front of it, with `node scripts/start.mjs`
 * nothing does. The bundle is rebuilt on every start (about a second).
 */
import { build, stop } from "esbuild";
import process from "node:process";
import path from "node:path";
import { pathToFileURL } from "node:url";

const root = process.cwd();
// Packages stay in node_modules, imported by the bundle as ES modules, except @next/env: CommonJS
// whose named exports Node's ESM loader cannot see, so it is bundled (small, no dependencies).
const BUNDLED = new Set(["@next/env"]);
const packagesExternal = {
  name: "packages-external",
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith("@/") || BUNDLED.has(args.path) ? undefined : { path: args.path, external: true }));
  },
};
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
  plugins: [packagesExternal],
  tsconfig: path.join(root, "tsconfig.json"),
  logLevel: "warning",
  // Bundled CommonJS (@next/env) calls require() and reads __dirname: give the module both.
  banner: {
    js: [
      "import { createRequire as __postdeskRequire } from 'node:module';",
      "import { fileURLToPath as __postdeskPath } from 'node:url';",
      "const require = __postdeskRequire(import.meta.url);",
      "const __filename = __postdeskPath(import.meta.url);",
      "const __dirname = __filename.slice(0, __filename.lastIndexOf('/'));",
    ].join(" "),
  },
});
await stop();
await import(pathToFileURL(outfile).href);
