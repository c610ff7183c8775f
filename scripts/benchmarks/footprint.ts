import "../lib/load-env-files";
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium } from "playwright-core";
import { findFreePort } from "@/db/embedded";
import { childProcessEnv } from "@/lib/env";
import { round } from "./measure";
import { buildDirectory, ensureProductionBuild } from "./next-server";

/**
 * `npm run bench:footprint`: what `npm start` keeps running. Starts `npm start` in the benchmark's
 * build copy (a fresh DATA_DIR, free ports), waits until it is ready, and lists every process
 * under it with RSS and PSS (from /proc/<pid>/smaps_rollup: PSS shares libraries fairly), idle
 * after 10 s, then after 15 s of 10 clients loading the signed-in conversation list, then idle
 * again. Stops it with SIGINT to its process group (Ctrl-C) and checks nothing is left.
 * Options: --rebuild, --baseline (run `node --import tsx scripts/start.ts` under npm instead: the
 * command `npm start` was before it was compiled ahead).
 * The last line of stdout is one JSON object.
 */
const log = (line: string) => console.log(line);

type Proc = { pid: number; ppid: number; name: string; rssMiB: number; pssMiB: number };

function readProc(pid: number): Proc | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean);
    const rollup = fs.readFileSync(`/proc/${pid}/smaps_rollup`, "utf8");
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+)`, "m").exec(rollup)?.[1] ?? 0);
    const comm = fs.readFileSync(`/proc/${pid}/comm`, "utf8").trim();
    return { pid, ppid, name: describe(comm, cmdline), rssMiB: round(kb("Rss") / 1024, 1), pssMiB: round(kb("Pss") / 1024, 1) };
  } catch {
    return null; // gone meanwhile
  }
}

function describe(comm: string, cmdline: string[]): string {
  const args = cmdline.join(" ");
  if (comm === "sh") return "sh -c (npm's shell)";
  if (comm === "npm" || /\bnpm(-cli)?(\.js)?\b/.test(args)) return "npm";
  if (comm === "postgres" || /\bpostgres\b/.test(cmdline[0] ?? "")) return `postgres: ${args.replace(/^postgres:\s*/, "").slice(0, 40)}`;
  if (comm.startsWith("next-server") || args.includes("next-server")) return "next-server";
  if (args.includes("next start") || args.includes("next/dist/bin/next")) return "next start";
  if (args.includes("start.mjs") || args.includes("start.ts")) return `supervisor + realtime (${args.includes("tsx") ? "tsx loader" : "plain node"})`;
  if (comm === "esbuild") return "esbuild service";
  return `${comm}: ${args.slice(0, 60)}`;
}

function tree(root: number): Proc[] {
  const all = fs.readdirSync("/proc").filter((d) => /^\d+$/.test(d)).map(Number);
  const procs = all.map(readProc).filter((p): p is Proc => p !== null);
  const out: Proc[] = [];
  const visit = (pid: number) => {
    const p = procs.find((x) => x.pid === pid);
    if (p) out.push(p);
    for (const child of procs.filter((x) => x.ppid === pid)) visit(child.pid);
  };
  visit(root);
  return out;
}

function report(label: string, procs: Proc[]) {
  log(`\n${label}`);
  for (const p of procs) log(`  ${String(p.pid).padStart(7)}  ${p.name.padEnd(58)} RSS ${p.rssMiB.toFixed(1).padStart(7)} MiB  PSS ${p.pssMiB.toFixed(1).padStart(7)} MiB`);
  const node = procs.filter((p) => !p.name.startsWith("postgres"));
  const sum = (ps: Proc[], k: "rssMiB" | "pssMiB") => round(ps.reduce((a, p) => a + p[k], 0), 1);
  log(`  total RSS ${sum(procs, "rssMiB")} MiB, PSS ${sum(procs, "pssMiB")} MiB (of which PostgreSQL PSS ${round(sum(procs, "pssMiB") - sum(node, "pssMiB"), 1)} MiB)`);
  return { pids: procs.map((p) => p.pid), processes: procs.length, rss_mib: sum(procs, "rssMiB"), pss_mib: sum(procs, "pssMiB"), by_process: procs.map((p) => ({ name: p.name, rss_mib: p.rssMiB, pss_mib: p.pssMiB })) };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main() {
  await ensureProductionBuild(process.argv.includes("--rebuild"));
  const cwd = buildDirectory();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "postdesk-footprint-"));
  const [port, realtimePort] = [await findFreePort(), await findFreePort()];
  // --baseline: the command `npm start` ran before (start.ts under the tsx loader), for comparison.
  const command = process.argv.includes("--baseline") ? ["exec", "--", "node", "--import", "tsx", "scripts/start.ts"] : ["start"];
  log(`running: npm ${command.join(" ")}`);
  const npm = spawn("npm", command, {
    cwd,
    detached: true, // its own process group, so SIGINT reaches every process as Ctrl-C in a terminal does
    env: childProcessEnv({ DATA_DIR: dataDir, PORT: String(port), REALTIME_PORT: String(realtimePort), REALTIME_BIND: "127.0.0.1", DATABASE_URL: "", NEXT_TELEMETRY_DISABLED: "1" }),
    stdio: ["ignore", "pipe", "inherit"],
  });
  let output = "";
  npm.stdout.on("data", (d: Buffer) => (output += d.toString()));
  const stopNpm = async () => {
    if (npm.exitCode !== null || npm.signalCode !== null) return;
    const exited = new Promise((r) => npm.once("exit", r));
    process.kill(-npm.pid!, "SIGINT");
    await Promise.race([exited, sleep(20_000)]);
  };
  try {
    const deadline = Date.now() + 180_000;
    while (!output.includes("Postdesk is running") && Date.now() < deadline) {
      if (npm.exitCode !== null) throw new Error(`npm start exited (${npm.exitCode}):\n${output}`);
      await sleep(250);
    }
    if (!output.includes("Postdesk is running")) throw new Error(`npm start was not ready within 3 minutes:\n${output}`);
    const email = /Email:\s+(\S+)/.exec(output)?.[1];
    const password = /Password:\s+(\S+)/.exec(output)?.[1];
    if (!email || !password) throw new Error("no first-run credentials in the output");
    await sleep(10_000);
    const idle = report("idle, 10 s after ready", tree(npm.pid!));

    const base = `http://127.0.0.1:${port}`;
    const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless", "--no-sandbox", "--disable-gpu"], headless: true });
    let cookie = "";
    let listPath = "";
    try {
      const page = await browser.newPage();
      await page.goto(`${base}/sign-in`);
      await page.getByLabel("Email").fill(email);
      await page.getByLabel("Password").fill(password);
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.waitForURL((url) => url.pathname.startsWith("/app/accounts/"), { timeout: 60_000 });
      listPath = new URL(page.url()).pathname.replace(/\/conversations.*$/, "") + "/conversations";
      cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
    } finally {
      await browser.close();
    }
    let pages = 0;
    const stopAt = Date.now() + 15_000;
    await Promise.all(
      Array.from({ length: 10 }, async () => {
        while (Date.now() < stopAt) {
          const res = await fetch(base + listPath, { headers: { cookie }, redirect: "manual" });
          await res.arrayBuffer();
          if (res.status !== 200) throw new Error(`${listPath} answered ${res.status}`);
          pages++;
        }
      }),
    );
    const loaded = report(`right after 15 s of 10 clients on the list page (${pages} pages)`, tree(npm.pid!));
    await sleep(10_000);
    const after = report("idle again, 10 s later", tree(npm.pid!));
    const nodeSupervisors = idle.by_process.filter((p) => p.name === "npm" || p.name.startsWith("supervisor")).length;
    log(`\nNode processes besides the Next server: ${nodeSupervisors} (npm, and the supervisor that also serves realtime)`);
    log(`machine: ${os.cpus().length} x ${os.cpus()[0]?.model ?? "?"}, load average ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}, Node ${process.version}`);
    await stopNpm();
    await sleep(1000);
    // Children re-parented to init would escape tree(): check the pids seen while it ran.
    const left = idle.pids.filter((pid) => fs.existsSync(`/proc/${pid}`));
    log(`after SIGINT: ${left.length === 0 ? "every process exited" : `still running: ${left.join(", ")}`}`);
    const strip = ({ pids: _pids, ...r }: ReturnType<typeof report>) => r;
    console.log(JSON.stringify({ idle: strip(idle), loaded: strip(loaded), after: strip(after), pages, left_after_stop: left.length, load_avg_1m: round(os.loadavg()[0]) }));
  } finally {
    await stopNpm();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
