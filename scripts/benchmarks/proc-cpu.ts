import fs from "node:fs";

/** CPU seconds (user + system) of a process and all its descendants, from /proc (Linux). */
export function cpuSeconds(root: number): number {
  const ticks = 100; // USER_HZ on Linux
  const stats = new Map<number, { ppid: number; cpu: number }>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      stats.set(Number(entry), { ppid: Number(f[1]), cpu: (Number(f[11]) + Number(f[12])) / ticks });
    } catch {
      // exited meanwhile
    }
  }
  let total = 0;
  const visit = (pid: number) => {
    total += stats.get(pid)?.cpu ?? 0;
    for (const [child, s] of stats) if (s.ppid === pid) visit(child);
  };
  visit(root);
  return total;
}

/** The postmaster's pid of a data directory (first line of postmaster.pid), or null. */
export function postmasterPid(dataDir: string): number | null {
  try {
    const pid = Number(fs.readFileSync(`${dataDir}/postmaster.pid`, "utf8").split("\n")[0]);
    return pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

type ProcStat = { ppid: number; own: number; reaped: number };

function parseStat(stat: string): ProcStat {
  const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  // utime + stime, and cutime + cstime: the children it has reaped (a Dovecot imap process per
  // login, PostgreSQL's autovacuum workers), whose CPU would otherwise vanish when they exit.
  return { ppid: Number(f[1]), own: (Number(f[11]) + Number(f[12])) / 100, reaped: (Number(f[13]) + Number(f[14])) / 100 };
}

function readStat(pid: number): ProcStat | null {
  try {
    return parseStat(fs.readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return null; // exited meanwhile
  }
}

/**
 * A known process's stat file kept open and re-read from its start (one pread instead of open,
 * read, close): samples are taken a few times per batch of events, and their cost lands in what
 * they measure.
 */
const openStats = new Map<number, number>();
const statBuffer = Buffer.alloc(1024);
function sampleStat(pid: number): ProcStat | null {
  try {
    let fd = openStats.get(pid);
    if (fd === undefined) openStats.set(pid, (fd = fs.openSync(`/proc/${pid}/stat`, "r")));
    const n = fs.readSync(fd, statBuffer, 0, statBuffer.length, 0);
    return parseStat(statBuffer.toString("latin1", 0, n));
  } catch {
    forget(pid);
    return null; // exited meanwhile (ESRCH on a kept file)
  }
}

function forget(pid: number): void {
  const fd = openStats.get(pid);
  openStats.delete(pid);
  if (fd !== undefined) fs.closeSync(fd);
}

function scan(): Map<number, ProcStat> {
  const stats = new Map<number, ProcStat>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const s = readStat(Number(entry));
    if (s) stats.set(Number(entry), s);
  }
  return stats;
}

/** The pids of a process tree (the root first). */
function treeOf(stats: Map<number, ProcStat>, root: number): number[] {
  const out: number[] = [];
  const visit = (pid: number) => {
    if (!stats.has(pid)) return;
    out.push(pid);
    for (const [child, s] of stats) if (s.ppid === pid) visit(child);
  };
  visit(root);
  return out;
}

/** A part of the benchmark's machinery: a process alone (`tree: false`) or with all its descendants. */
export type CpuPart = { pid: number | null; tree: boolean };

/**
 * CPU seconds per part, counting each tree's reaped children too. `sample()` re-reads only the
 * processes found by the last `rescan()` (a dozen files instead of all of /proc), cheap enough
 * to bracket single operations; processes started since are missed until the next rescan.
 */
export function cpuMeter<K extends string>(parts: Record<K, CpuPart>) {
  let pids = new Map<K, number[]>();
  const rescan = () => {
    const stats = scan();
    pids = new Map((Object.entries(parts) as [K, CpuPart][]).map(([name, part]) => [name, part.pid === null ? [] : part.tree ? treeOf(stats, part.pid) : [part.pid]]));
    // A kept file of a pid that is gone (or reused by another process) must not be read again.
    for (const pid of openStats.keys()) if (!stats.has(pid)) forget(pid);
  };
  const sample = (): Record<K, number> & { total: number } => {
    const out = { total: 0 } as Record<K, number> & { total: number };
    for (const [name, list] of pids) {
      let sum = 0;
      for (const pid of list) {
        const s = sampleStat(pid);
        if (s) sum += s.own + (parts[name].tree ? s.reaped : 0);
      }
      (out as Record<string, number>)[name] = sum;
      out.total += sum;
    }
    return out;
  };
  rescan();
  return { rescan, sample, read: () => (rescan(), sample()) };
}
