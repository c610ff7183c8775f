/**
 * Bundles a script (and what it imports from the project) into one ES module with esbuild. Used by
 * scripts/start.mjs (scripts/start.ts, and the web server it runs, scripts/server.ts) and by the
 * benchmarks, so they measure the server users get.
 */
import { build, stop } from "esbuild";
import path from "node:path";

// Packages stay in node_modules, imported by the bundle as ES modules, except @next/env: CommonJS
// whose named exports Node's ESM loader cannot see, so it is bundled (small, no dependencies).
const BUNDLED = new Set(["@next/env"]);
const packagesExternal = {
  name: "packages-external",
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith("@/") || BUNDLED.has(args.path) ? undefined : { path: args.path, external: true }));
  },
};

/**
 * Bundles scripts/<name>.ts of `root` into <root>/node_modules/.cache/postdesk/<name>.mjs (under
 * node_modules, writable wherever `npm install` ran, so the bundle's bare imports resolve to the
 * project's packages) and returns that path. Stops esbuild's service afterwards.
 */
export async function bundleScript(root, name) {
  const outfile = path.join(root, "node_modules", ".cache", "postdesk", `${name}.mjs`);
  await build({
    entryPoints: [path.join(root, "scripts", `${name}.ts`)],
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
  return outfile;
}
