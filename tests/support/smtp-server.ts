import type { AddressInfo } from "node:net";
import { SMTPServer, type SMTPServerAddress } from "smtp-server";

/**
 * A real SMTP peer on a free loopback port (smtp-server), for outbound mail tests. It keeps the
 * exact bytes received, checks logins (PLAIN, LOGIN, and XOAUTH2 with an access token) and can be
 * scripted to answer DATA with a failure: a 4xx a given number of times then accept, or a 5xx.
 *
 *   const smtp = await startSmtpServer({ users: { "support@example.test": "secret" } });
 *   ... send ...; smtp.messages[0].raw; await smtp.stop();
 */
export type ReceivedMail = { envelope: { from: string; to: string[] }; raw: Buffer; user: string | null };

export type SmtpFailure = {
  code: number;
  message: string;
  /** How many deliveries fail before the server accepts; all of them when omitted. */
  times?: number;
};

export type SmtpServerOptions = {
  /** username → password. Without users, no login is needed. */
  users?: Record<string, string>;
  /** username → XOAUTH2 access token. */
  accessTokens?: Record<string, string>;
  failWith?: SmtpFailure;
  /** Wait this long before answering DATA (a slow server, so a "sending" state can be seen). */
  answerDelayMs?: number;
};

export type TestSmtpServer = {
  host: string;
  port: number;
  messages: ReceivedMail[];
  /** Every login attempt with the password sent (XOAUTH2: the token), accepted or not. */
  logins: { user: string; password: string }[];
  /** DATA commands seen, accepted or not. */
  attempts: () => number;
  stop(): Promise<void>;
};

const address = (a: SMTPServerAddress | false) => (a ? a.address : "");

export async function startSmtpServer(options: SmtpServerOptions = {}): Promise<TestSmtpServer> {
  const messages: ReceivedMail[] = [];
  const users = options.users ?? {};
  const tokens = options.accessTokens ?? {};
  const needsAuth = Object.keys(users).length > 0 || Object.keys(tokens).length > 0;
  let failuresLeft = options.failWith ? (options.failWith.times ?? Number.POSITIVE_INFINITY) : 0;
  let attempts = 0;
  const logins: { user: string; password: string }[] = [];

  const server = new SMTPServer({
    secure: false,
    // No certificate here: clients must not be offered STARTTLS on the loopback test server.
    disabledCommands: needsAuth ? ["STARTTLS"] : ["STARTTLS", "AUTH"],
    allowInsecureAuth: true,
    authOptional: !needsAuth,
    authMethods: ["PLAIN", "LOGIN", "XOAUTH2"],
    logger: false,
    onAuth(auth, _session, callback) {
      const user = auth.username ?? "";
      logins.push({ user, password: auth.method === "XOAUTH2" ? (auth.accessToken ?? "") : (auth.password ?? "") });
      const ok = auth.method === "XOAUTH2" ? tokens[user] !== undefined && auth.accessToken === tokens[user] : users[user] !== undefined && auth.password === users[user];
      if (!ok) return callback(new Error("Invalid username or password"));
      callback(null, { user });
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      const answer = () => {
        attempts += 1;
        if (failuresLeft > 0 && options.failWith) {
          failuresLeft -= 1;
          const error = Object.assign(new Error(options.failWith.message), { responseCode: options.failWith.code });
          return callback(error);
        }
        messages.push({
          envelope: { from: address(session.envelope.mailFrom), to: session.envelope.rcptTo.map((r) => r.address) },
          raw: Buffer.concat(chunks),
          user: typeof session.user === "string" ? session.user : null,
        });
        callback(null, `Ok: queued as TEST${messages.length}`);
      };
      stream.on("end", () => setTimeout(answer, options.answerDelayMs ?? 0));
    },
  });
  server.on("error", () => undefined);

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const { port } = (server as unknown as { server: { address(): AddressInfo } }).server.address();
  return {
    host: "127.0.0.1",
    port,
    messages,
    logins,
    attempts: () => attempts,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
