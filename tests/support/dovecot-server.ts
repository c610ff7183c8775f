import { execFile, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { ImapFlow } from "imapflow";

/**
 * A private Dovecot (Debian's dovecot-imapd), from a generated config in a temp dir: IMAP
 * without TLS on a free loopback port, users in a passwd-file, maildirs owned by nobody:nogroup. Mail goes in through IMAP APPEND, the same server path as delivery.
 * No vitest here: the IMAP tests use it through dovecot.ts, `npm run bench:ingest` directly.
 */
export const DOVECOT_PATH = "/usr/sbin/dovecot";
const DOVEADM_CANDIDATES = ["/usr/bin/doveadm", "/usr/sbin/doveadm"];
export const MISSING_DOVECOT = `Dovecot not found at ${DOVECOT_PATH}: install it (apt-get install dovecot-imapd) to run the IMAP tests`;

export const hasDovecot = () => fs.existsSync(DOVECOT_PATH);

export type Dovecot = {
  host: string;
  port: number;
  /** Adds (or replaces) a mailbox user with a plain password. */
  addUser(email: string, password: string): Promise<void>;
  /** APPENDs raw bytes to a folder (created when missing); returns the new UID. */
  appendMessage(user: string, folder: string, raw: Buffer | string, flags?: string[], date?: Date): Promise<number | null>;
  /** An IMAP client logged in as the user (the caller logs out). */
  connect(user: string): Promise<ImapFlow>;
  stop(): Promise<void>;
  /** Dovecot's own log, for test failure messages. */
  log(): string;
  /** The master process (Dovecot daemonizes, so it is no child of ours), for benchmarks' CPU accounting. */
  masterPid?(): number | null;
};

export type DovecotOptions = {
  /** When given, XOAUTH2/OAUTHBEARER logins are checked against this introspection URL. */
  oauth2IntrospectionUrl?: string;
};

const execFileAsync = promisify(execFile);

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function config(dir: string, port: number, options: DovecotOptions): string {
  const lines = [
    `base_dir = ${dir}/run`,
    `state_dir = ${dir}/state`,
    `log_path = ${dir}/dovecot.log`,
    `instance_name = postdesk-test-${port}`,
    "protocols = imap",
    "listen = 127.0.0.1",
    "ssl = no",
    "disable_plaintext_auth = no",
    `auth_mechanisms = plain login${options.oauth2IntrospectionUrl ? " xoauth2 oauthbearer" : ""}`,
    "mail_uid = nobody",
    "mail_gid = nogroup",
    "first_valid_uid = 1",
    `mail_location = maildir:${dir}/maildir/%u`,
    "service imap-login {",
    "  inet_listener imap {",
    "    address = 127.0.0.1",
    `    port = ${port}`,
    "  }",
    "  inet_listener imaps {",
    "    port = 0",
    "  }",
    "}",
    "service pop3-login {",
    "  inet_listener pop3 {",
    "    port = 0",
    "  }",
    "}",
    "passdb {",
    "  driver = passwd-file",
    "  mechanisms = plain login",
    // One passwd-file per user: Dovecot stats a passwd-file at most once a second, so a user added
    // to a shared file right after another login would be refused; a new file is read at once.
    `  args = scheme=PLAIN username_format=%u ${dir}/users/%u.passwd`,
    "}",
  ];
  if (options.oauth2IntrospectionUrl) {
    lines.push("passdb {", "  driver = oauth2", "  mechanisms = xoauth2 oauthbearer", `  args = ${dir}/dovecot-oauth2.conf.ext`, "}");
  }
  lines.push(
    "userdb {",
    "  driver = static",
    `  args = uid=nobody gid=nogroup home=${dir}/home/%u allow_all_users=yes`,
    "}",
    "namespace inbox {",
    "  inbox = yes",
    "  separator = /",
    "}",
  );
  return lines.join("\n") + "\n";
}

const oauth2Config = (url: string) =>
  [
    `introspection_url = ${url}`,
    "introspection_mode = post",
    "force_introspection = yes",
    "username_attribute = email",
    "active_attribute = active",
    "active_value = true",
  ].join("\n") + "\n";

async function waitForPort(port: number, timeoutMs: number, logFile: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, "127.0.0.1");
      socket.once("connect", () => {
        socket.destroy();
        resolve(true);
      });
      socket.once("error", () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  const log = fs.existsSync(logFile) ? fs.readFileSync(logFile, "utf8") : "(no log)";
  throw new Error(`Dovecot did not listen on 127.0.0.1:${port} within ${timeoutMs} ms:\n${log}`);
}

export async function startDovecot(options: DovecotOptions = {}): Promise<Dovecot> {
  if (!hasDovecot()) throw new Error(MISSING_DOVECOT);
  // Under /tmp: Dovecot's processes run as nobody and must traverse the parents.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "postdesk-dovecot-"));
  fs.chmodSync(dir, 0o755);
  for (const sub of ["run", "state", "maildir", "home"]) fs.mkdirSync(path.join(dir, sub));
  const isRoot = process.getuid?.() === 0;
  if (isRoot) {
    for (const sub of ["maildir", "home"]) fs.chownSync(path.join(dir, sub), 65534, 65534);
  }
  const usersDir = path.join(dir, "users");
  fs.mkdirSync(usersDir);
  fs.chmodSync(usersDir, 0o755);
  const port = await freePort();
  const conf = path.join(dir, "dovecot.conf");
  fs.writeFileSync(conf, config(dir, port, options));
  if (options.oauth2IntrospectionUrl) fs.writeFileSync(path.join(dir, "dovecot-oauth2.conf.ext"), oauth2Config(options.oauth2IntrospectionUrl));
  const logFile = path.join(dir, "dovecot.log");

  await new Promise<void>((resolve, reject) => {
    const child = spawn(DOVECOT_PATH, ["-c", conf], { stdio: "ignore" });
    child.once("error", reject);
    child.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`dovecot -c ${conf} exited with ${code}`))));
  });
  await waitForPort(port, 10_000, logFile);

  const users = new Map<string, string>();
  const writeUser = (email: string, password: string) => {
    if (!/^[^\s/:]+@[^\s/:]+$/.test(email)) throw new Error(`Not a usable test address: ${email}`);
    const file = path.join(usersDir, `${email}.passwd`);
    fs.writeFileSync(file, `${email}:{PLAIN}${password}::::::\n`);
    fs.chmodSync(file, 0o644);
  };

  const connect = async (user: string) => {
    const password = users.get(user);
    if (password === undefined) throw new Error(`No Dovecot user ${user}: addUser first`);
    const client = new ImapFlow({ host: "127.0.0.1", port, secure: false, auth: { user, pass: password }, logger: false });
    await client.connect();
    return client;
  };

  let stopped = false;
  return {
    host: "127.0.0.1",
    port,
    async addUser(email, password) {
      users.set(email, password);
      writeUser(email, password);
    },
    async appendMessage(user, folder, raw, flags, date) {
      const client = await connect(user);
      try {
        if (folder !== "INBOX") {
          // Create when missing; Dovecot answers ALREADYEXISTS otherwise, which imapflow reports.
          await client.mailboxCreate(folder).catch(() => undefined);
        }
        const result = await client.append(folder, typeof raw === "string" ? Buffer.from(raw) : raw, flags ?? [], date);
        return result && typeof result === "object" && typeof result.uid === "number" ? result.uid : null;
      } finally {
        await client.logout().catch(() => undefined);
      }
    },
    connect,
    async stop() {
      if (stopped) return;
      stopped = true;
      const doveadm = DOVEADM_CANDIDATES.find((p) => fs.existsSync(p));
      let stoppedCleanly = false;
      if (doveadm) {
        stoppedCleanly = await execFileAsync(doveadm, ["-c", conf, "stop"]).then(
          () => true,
          () => false,
        );
      }
      if (!stoppedCleanly) {
        // Fallback: the master's pid file, killed by pid (never by name).
        const pidFile = path.join(dir, "run", "master.pid");
        if (fs.existsSync(pidFile)) {
          const pid = Number(fs.readFileSync(pidFile, "utf8").trim());
          if (pid > 0) {
            try {
              process.kill(pid, "SIGTERM");
            } catch {
              // Already gone.
            }
          }
        }
      }
      // Give the master a moment to release its files before removing the directory.
      await new Promise((r) => setTimeout(r, 200));
      fs.rmSync(dir, { recursive: true, force: true });
    },
    log: () => (fs.existsSync(logFile) ? fs.readFileSync(logFile, "utf8") : ""),
    masterPid: () => {
      try {
        const pid = Number(fs.readFileSync(path.join(dir, "run", "master.pid"), "utf8").trim());
        return pid > 0 ? pid : null;
      } catch {
        return null;
      }
    },
  };
}

