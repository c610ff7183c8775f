/**
 * `npm start` / `npm run dev`: compiles scripts/start.ts (and what it imports from the project)
 * into one ES module under node_modules/.cache/postdesk with esbuild, then runs it in this same process. The
 * supervising process is then plain Node, without a TypeScript loader thread or a resident
 * esbuild service beside it: with `npm start`, npm waits in front of it, with `node scripts/start.mjs`
 * nothing does. The web server it starts (scripts/server.ts, Next behind the help center's front)
 * is bundled the same way. Both bundles are rebuilt on every start (about a second each).
 */
import process from "node:process";
import { pathToFileURL } from "node:url";
import { bundleScript } from "./lib/bundle-script.mjs";

const root = process.cwd();
if (!process.argv.includes("--dev")) await bundleScript(root, "server");
const outfile = await bundleScript(root, "start");
await import(pathToFileURL(outfile).href);
