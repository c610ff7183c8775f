import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runActionAs } from "@/app/_server/action";
import { retryEmailAction } from "@/app/_server/actions/conversations";
import { Thread } from "@/components/conversations/thread";
import { userActor } from "@/lib/auth/actor";
import { setEnvVar } from "@/lib/env";
import { sendEmailDelivery } from "@/lib/email/send/send-email-delivery";
import { createMessage } from "@/lib/messages/create-message";
import { listMessages } from "@/lib/messages/list-messages";
import * as f from "@/tests/factories";
import { useTestDatabase } from "@/tests/support/db";
import { startSmtpServer } from "@/tests/support/smtp-server";
import { createEmailInboxRow, createInboundEmail, deliveryOf } from "./send-helpers";

/** What the agent sees of a reply that went out by email: its status, the reason and Retry. */
const db = useTestDatabase();
beforeAll(() => setEnvVar("ENCRYPTION_KEY", "send-ui-test-key-send-ui-test-key"));
afterAll(() => setEnvVar("ENCRYPTION_KEY", ""));

describe("email send status in the conversation", () => {
  it("shows a failed email with the server's reason and a Retry that works for the agent", async () => {
    const smtp = await startSmtpServer({ users: { "help@example.test": "pw" }, failWith: { code: 550, message: "5.1.1 No such user", times: 1 } });
    try {
      const { account, agent } = await f.createWorkspace(db());
      const { inbox } = await createEmailInboxRow(db(), account.id, {
        email: "help@example.test",
        smtp: { host: smtp.host, port: smtp.port, login: "help@example.test", password: "pw" },
        memberIds: [agent.id],
      });
      const conversation = await f.createConversation(db(), account.id, inbox.id);
      await createInboundEmail(db(), conversation, { messageId: "in-1@customer.test", subject: "Order", from: "x@customer.test", to: ["help@example.test"] });
      const reply = await createMessage(db(), userActor(agent.id), account.id, conversation.displayId, { content: "Shipped today" });
      const render = async () => {
        const { messages } = await listMessages(db(), userActor(agent.id), account.id, conversation.displayId, {});
        return renderToStaticMarkup(createElement(Thread, { messages, contactName: "Customer" }));
      };

      expect(await render()).toContain("Sending email…");
      await sendEmailDelivery(db(), reply.id);
      const failed = await render();
      expect(failed).toContain("Email not sent");
      expect(failed).toContain("550 5.1.1 No such user");
      expect(failed).toContain(">Retry</button>");

      const result = await runActionAs(retryEmailAction, { actor: userActor(agent.id), userId: agent.id }, { accountId: account.id, messageId: reply.id });
      expect(result).toEqual({ ok: true, data: { status: "sending" } });
      await sendEmailDelivery(db(), reply.id);
      expect((await deliveryOf(db(), reply.id)).delivery.status).toBe("sent");
      const sent = await render();
      expect(sent).toContain("Sent by email");
      expect(sent).not.toContain("Retry");
    } finally {
      await smtp.stop();
    }
  });
});
