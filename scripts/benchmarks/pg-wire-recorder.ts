import net from "node:net";

/**
 * A loopback TCP proxy in front of PostgreSQL that writes down every statement a client executes
 * (PostgreSQL protocol v3: Parse/Bind/Execute and simple Query), with its text-format parameters,
 * the client connection it ran on and when it started and finished. The benchmark points the
 * production server at it for a few requests to learn exactly which SQL one API request issues,
 * then replays that SQL with postgres.js as the "bare query" baseline. It is not used while timing.
 */
export type RecordedStatement = {
  connection: number;
  text: string;
  /** Text-format parameter values as sent on the wire; null for SQL NULL. */
  params: (string | null)[];
  /** The server's command tag, e.g. "SELECT 25": the replay must get the same. */
  tag: string;
  startedAt: number;
  finishedAt: number;
};

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;

type Pending = { text: string; params: (string | null)[] };

class ConnectionTap {
  private client = Buffer.alloc(0);
  private server = Buffer.alloc(0);
  private clientStartup = true;
  private serverSkipBytes = 0;
  private readonly prepared = new Map<string, string>();
  private readonly portals = new Map<string, Pending>();
  /** Statements executed since the last Sync, and the groups waiting for their ReadyForQuery. */
  private group: RecordedStatement[] = [];
  private readonly awaitingReady: RecordedStatement[][] = [];

  constructor(
    private readonly id: number,
    private readonly sink: (s: RecordedStatement) => void,
    private readonly isRecording: () => boolean,
  ) {}

  fromClient(chunk: Buffer): void {
    this.client = Buffer.concat([this.client, chunk]);
    for (;;) {
      if (this.clientStartup) {
        if (this.client.length < 8) return;
        const length = this.client.readInt32BE(0);
        if (this.client.length < length) return;
        const code = this.client.readInt32BE(4);
        // The server answers SSL/GSS requests with one untyped byte ('N' here: loopback, no TLS).
        if (code === SSL_REQUEST || code === GSSENC_REQUEST) this.serverSkipBytes += 1;
        else this.clientStartup = false;
        this.client = this.client.subarray(length);
        continue;
      }
      if (this.client.length < 5) return;
      const length = this.client.readInt32BE(1);
      if (this.client.length < 1 + length) return;
      this.onClientMessage(String.fromCharCode(this.client[0]), this.client.subarray(5, 1 + length));
      this.client = this.client.subarray(1 + length);
    }
  }

  fromServer(chunk: Buffer): void {
    this.server = Buffer.concat([this.server, chunk]);
    if (this.serverSkipBytes > 0) {
      const skip = Math.min(this.serverSkipBytes, this.server.length);
      this.server = this.server.subarray(skip);
      this.serverSkipBytes -= skip;
    }
    for (;;) {
      if (this.server.length < 5) return;
      const length = this.server.readInt32BE(1);
      if (this.server.length < 1 + length) return;
      // CommandComplete: the tag of the oldest untagged statement of the oldest waiting group.
      if (this.server[0] === 0x43) {
        const untagged = this.awaitingReady[0]?.find((st) => st.tag === "");
        if (untagged) untagged.tag = this.server.toString("utf8", 5, this.server.indexOf(0, 5));
      }
      // Each Sync (or simple Query) gets one ReadyForQuery, in order: it ends that group.
      if (this.server[0] === 0x5a) {
        const finishedAt = performance.now();
        for (const done of this.awaitingReady.shift() ?? []) this.sink({ ...done, finishedAt });
      }
      this.server = this.server.subarray(1 + length);
    }
  }

  private onClientMessage(type: string, body: Buffer): void {
    const reader = new Reader(body);
    if (type === "P") {
      const name = reader.cstring();
      this.prepared.set(name, reader.cstring());
    } else if (type === "B") {
      const portal = reader.cstring();
      const statement = reader.cstring();
      const formats = Array.from({ length: reader.int16() }, () => reader.int16());
      const params = Array.from({ length: reader.int16() }, (_, i) => {
        const size = reader.int32();
        if (size === -1) return null;
        const value = reader.bytes(size);
        const binary = (formats.length === 1 ? formats[0] : formats[i]) === 1;
        if (binary) throw new Error("pg-wire-recorder: binary parameters are not supported");
        return value.toString("utf8");
      });
      this.portals.set(portal, { text: this.prepared.get(statement) ?? "", params });
    } else if (type === "E") {
      const portal = this.portals.get(reader.cstring());
      if (portal && this.isRecording()) this.track(portal);
    } else if (type === "S") {
      this.awaitingReady.push(this.group);
      this.group = [];
    } else if (type === "Q") {
      const text = reader.cstring();
      this.awaitingReady.push(this.isRecording() ? [this.statement({ text, params: [] })] : []);
    }
  }

  private track(p: Pending): void {
    this.group.push(this.statement(p));
  }

  private statement(p: Pending): RecordedStatement {
    return { connection: this.id, text: p.text, params: p.params, tag: "", startedAt: performance.now(), finishedAt: 0 };
  }
}

class Reader {
  private at = 0;
  constructor(private readonly buf: Buffer) {}
  cstring(): string {
    const end = this.buf.indexOf(0, this.at);
    const s = this.buf.toString("utf8", this.at, end);
    this.at = end + 1;
    return s;
  }
  int16(): number {
    const v = this.buf.readInt16BE(this.at);
    this.at += 2;
    return v;
  }
  int32(): number {
    const v = this.buf.readInt32BE(this.at);
    this.at += 4;
    return v;
  }
  bytes(n: number): Buffer {
    const v = this.buf.subarray(this.at, this.at + n);
    this.at += n;
    return v;
  }
}

export type WireRecorder = {
  port: number;
  /** Records the statements that start between now and stop(). */
  start: () => void;
  stop: () => RecordedStatement[];
  close: () => Promise<void>;
};

export async function startWireRecorder(target: { host: string; port: number }): Promise<WireRecorder> {
  let recording = false;
  let recorded: RecordedStatement[] = [];
  let nextId = 1;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(target.port, target.host);
    const tap = new ConnectionTap(nextId++, (s) => recorded.push(s), () => recording);
    sockets.add(client).add(upstream);
    client.on("data", (chunk) => {
      tap.fromClient(chunk);
      upstream.write(chunk);
    });
    upstream.on("data", (chunk) => {
      tap.fromServer(chunk);
      client.write(chunk);
    });
    const closeBoth = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on("close", closeBoth).on("error", closeBoth);
    upstream.on("close", closeBoth).on("error", closeBoth);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    port,
    start: () => {
      recorded = [];
      recording = true;
    },
    stop: () => {
      recording = false;
      return [...recorded].sort((a, b) => a.startedAt - b.startedAt);
    },
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
