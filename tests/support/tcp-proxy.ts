import net from "node:net";

/**
 * A loopback TCP proxy for fault tests: `drop()` cuts every open connection and refuses new ones
 * (a network outage as the browser sees it), `restore()` lets connections through again. The
 * target port is read per connection, so the proxy may start before its target does.
 */
export type TcpProxy = { port: number; drop: () => number; restore: () => void; close: () => Promise<void> };

export async function startTcpProxy(targetPort: () => number): Promise<TcpProxy> {
  const open = new Set<net.Socket>();
  let refusing = false;
  const server = net.createServer((client) => {
    if (refusing) return void client.destroy();
    const upstream = net.connect(targetPort(), "127.0.0.1");
    for (const s of [client, upstream]) {
      open.add(s);
      s.on("close", () => open.delete(s));
      s.on("error", () => s.destroy());
    }
    client.pipe(upstream);
    upstream.pipe(client);
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("the proxy has no port");
  return {
    port: address.port,
    drop: () => {
      refusing = true;
      const cut = open.size;
      for (const s of open) s.destroy();
      return cut;
    },
    restore: () => {
      refusing = false;
    },
    close: async () => {
      for (const s of open) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
