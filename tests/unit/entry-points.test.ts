import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

/**
 * House rule: every server action and every API v1 route handler goes through one wrapper that
 * validates input, resolves the caller and maps errors. This check reads the source and fails
 * on any entry point built another way.
 *
 * - A file whose first statement is "use server" may only export
 *   `const x = serverAction(...)` / `publicAction(...)` (app/_server/action.ts) and types.
 * - A "use server" directive inside a function (an inline action) is not allowed anywhere.
 * - A route handler under app/api/v1 may only export HTTP methods built with the API route
 *   wrapper (lib/api), plus Next's route segment config constants.
 */
const ROOT = path.resolve(__dirname, "../..");
const ACTION_WRAPPERS = new Set(["serverAction", "publicAction"]);
const ROUTE_WRAPPERS = new Set(["apiRoute"]);
const HTTP_METHODS = new Set(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]);
const SEGMENT_CONFIG = new Set(["dynamic", "revalidate", "runtime", "maxDuration", "fetchCache", "preferredRegion"]);

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of entries) {
    if (name === "node_modules" || name.startsWith(".")) continue;
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...sourceFiles(full));
    else if (/\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name)) out.push(full);
  }
  return out;
}

const isDirective = (s: ts.Statement, text: string) =>
  ts.isExpressionStatement(s) && ts.isStringLiteral(s.expression) && s.expression.text === text;

function hasExportModifier(node: ts.Node): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
}

/** The name of the function called to build `x` in `export const x = wrapper(...)`, if any. */
function calleeName(init: ts.Expression | undefined): string | undefined {
  if (!init || !ts.isCallExpression(init)) return undefined;
  const callee = init.expression;
  if (ts.isIdentifier(callee)) return callee.text;
  if (ts.isPropertyAccessExpression(callee)) return callee.name.text;
  return undefined;
}

type Export = { name: string; builtWith?: string; isType: boolean };

function exportsOf(file: ts.SourceFile): Export[] {
  const out: Export[] = [];
  for (const s of file.statements) {
    if (ts.isExportAssignment(s)) out.push({ name: "default", isType: false });
    else if (ts.isExportDeclaration(s)) {
      if (s.isTypeOnly) continue;
      out.push({ name: s.exportClause ? s.exportClause.getText(file) : "*", isType: false });
    } else if (!hasExportModifier(s)) continue;
    else if (ts.isTypeAliasDeclaration(s) || ts.isInterfaceDeclaration(s)) out.push({ name: s.name.text, isType: true });
    else if (ts.isVariableStatement(s)) {
      for (const d of s.declarationList.declarations) out.push({ name: d.name.getText(file), builtWith: calleeName(d.initializer), isType: false });
    } else if (ts.isFunctionDeclaration(s) || ts.isClassDeclaration(s)) out.push({ name: s.name?.text ?? "default", isType: false });
    else out.push({ name: s.getText(file).slice(0, 40), isType: false });
  }
  return out;
}

function hasInlineUseServer(file: ts.SourceFile): boolean {
  let found = false;
  const visit = (node: ts.Node) => {
    if (found) return;
    if ((ts.isFunctionLike(node) || ts.isArrowFunction(node)) && "body" in node && node.body && ts.isBlock(node.body as ts.Node)) {
      if ((node.body as ts.Block).statements.some((s) => isDirective(s, "use server"))) found = true;
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

/** Problems in one file's source; `relPath` decides which rules apply. */
export function checkEntryPoint(relPath: string, source: string): string[] {
  const file = ts.createSourceFile(relPath, source, ts.ScriptTarget.Latest, true, relPath.endsWith("x") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const problems: string[] = [];
  const isActionFile = file.statements.some((s, i) => i < 3 && isDirective(s, "use server"));
  if (isActionFile) {
    for (const e of exportsOf(file)) {
      if (e.isType) continue;
      if (!e.builtWith || !ACTION_WRAPPERS.has(e.builtWith)) {
        problems.push(`${relPath}: server action "${e.name}" is not built with serverAction()/publicAction() from app/_server/action.ts`);
      }
    }
  }
  if (hasInlineUseServer(file)) problems.push(`${relPath}: inline "use server" action; move it to a "use server" file built with serverAction()`);
  if (/^app\/api\/v[12]\/.*route\.tsx?$/.test(relPath)) {
    for (const e of exportsOf(file)) {
      if (e.isType || SEGMENT_CONFIG.has(e.name)) continue;
      if (!HTTP_METHODS.has(e.name)) problems.push(`${relPath}: unexpected export "${e.name}" in a route handler`);
      else if (!e.builtWith || !ROUTE_WRAPPERS.has(e.builtWith)) {
        problems.push(`${relPath}: ${e.name} is not built with the API route wrapper (${[...ROUTE_WRAPPERS].join(", ")})`);
      }
    }
  }
  return problems;
}

describe("entry points go through the one wrapper", () => {
  it("flags actions and route handlers built another way (the check itself works)", () => {
    const good = `"use server";\nimport { z } from "zod";\nexport type R = number;\nexport const doIt = serverAction(z.object({}), async () => 1);\n`;
    expect(checkEntryPoint("app/_server/actions/x.ts", good)).toEqual([]);
    expect(checkEntryPoint("app/_server/actions/x.ts", `"use server";\nexport async function raw() {}\n`)).toHaveLength(1);
    expect(checkEntryPoint("app/_server/actions/x.ts", `"use server";\nexport const raw = async () => {};\n`)).toHaveLength(1);
    expect(checkEntryPoint("app/_server/actions/x.ts", `"use server";\nexport { raw } from "./raw";\n`)).toHaveLength(1);
    expect(checkEntryPoint("app/page.tsx", `export default function P() { async function a() { "use server"; } return null; }\n`)).toHaveLength(1);
    expect(checkEntryPoint("app/api/v1/profile/route.ts", `export const GET = apiRoute({}, async () => 1);\nexport const dynamic = "force-dynamic";\n`)).toEqual([]);
    expect(checkEntryPoint("app/api/v1/profile/route.ts", `export async function GET() { return new Response(); }\n`)).toHaveLength(1);
    // Outside app/api/v1 (auth, inngest) route handlers are not API v1 and are not checked.
    expect(checkEntryPoint("app/api/auth/route.ts", `export async function GET() {}\n`)).toEqual([]);
  });

  it("every server action and API v1 route handler in the project uses it", () => {
    const files = ["app", "components", "lib"].flatMap((d) => sourceFiles(path.join(ROOT, d)));
    expect(files.length).toBeGreaterThan(0);
    const problems = files.flatMap((f) => checkEntryPoint(path.relative(ROOT, f).split(path.sep).join("/"), readFileSync(f, "utf8")));
    expect(problems).toEqual([]);
  });
});
