import { describe, expect, it } from "vitest";
import { composeReplyHeaders, trimReferences, type ComposeReplyInput } from "./reply-headers";
import { replySubject } from "./subject";
import { extendThreadIndex } from "./thread-index";

const uuid = "0f8fad5b-d9cb-469f-a165-70867728950e";
const base: ComposeReplyInput = {
  conversationUuid: uuid,
  messageId: 42,
  domain: "mail.example.test",
  inbox: { name: "Support", email: "support@example.test" },
  replyAddress: null,
  contact: { name: "Ada", email: "ada@customer.test" },
  answered: {
    messageId: "m2@customer.test",
    references: ["m0@customer.test", "m1@customer.test"],
    subject: "RE: AW: Fwd: Printer on fire",
    from: "ada@customer.test",
    to: ["support@example.test", "bob@customer.test"],
    cc: ["carol@customer.test", "Support@Example.test"],
    threadIndex: null,
  },
};

describe("composeReplyHeaders", () => {
  it("threads on the last inbound message and keeps our Message-ID", () => {
    const h = composeReplyHeaders(base);
    expect(h.messageId).toBe(`conversation/${uuid}/messages/42@mail.example.test`);
    expect(h.inReplyTo).toBe("m2@customer.test");
    expect(h.references).toEqual(["m0@customer.test", "m1@customer.test", "m2@customer.test"]);
    expect(h.subject).toBe("Re: Printer on fire");
    expect(h.headers["X-Postdesk-Conversation"]).toBe(uuid);
    expect(h.headers["Auto-Submitted"]).toBeUndefined();
    expect(h.from).toEqual({ name: "Support", address: "support@example.test" });
    expect(composeReplyHeaders({ ...base, senderName: "Grace" }).from.name).toBe("Grace from Support");
  });

  it("replies to the contact only, or to everyone on the answered message without our own address", () => {
    expect(composeReplyHeaders(base)).toMatchObject({ to: ["ada@customer.test"], cc: [] });
    expect(composeReplyHeaders({ ...base, replyAll: true })).toMatchObject({
      to: ["ada@customer.test", "bob@customer.test"],
      cc: ["carol@customer.test"],
    });
  });

  it("adds the recipients the agent named, once each, and keeps Bcc out of the headers", () => {
    const h = composeReplyHeaders({
      ...base,
      explicit: { cc: ["Dan@Customer.test", "ada@customer.test"], bcc: ["audit@example.test", "support@example.test"] },
    });
    expect(h).toMatchObject({ to: ["ada@customer.test"], cc: ["dan@customer.test"], bcc: ["audit@example.test"] });
    expect(composeReplyHeaders({ ...base, explicit: { to: ["eve@customer.test"] } }).to).toEqual(["eve@customer.test"]);
  });

  it("sets Reply-To to the reply+ address when there is one, else the inbox", () => {
    expect(composeReplyHeaders(base).replyTo).toBe("support@example.test");
    const reply = `reply+${uuid}@in.example.test`;
    const h = composeReplyHeaders({ ...base, replyAddress: reply, replyAll: true, answered: { ...base.answered!, cc: [reply] } });
    expect(h.replyTo).toBe(reply);
    expect(h.cc).toEqual([]);
  });

  it("marks automatic mail and works without an inbound message", () => {
    const h = composeReplyHeaders({ ...base, answered: null, subjectFallback: "Your order", isAutomatic: true });
    expect(h).toMatchObject({ inReplyTo: null, references: [], subject: "Re: Your order", to: ["ada@customer.test"] });
    expect(h.headers["Auto-Submitted"]).toBe("auto-replied");
  });

  it("extends an Outlook Thread-Index instead of copying it", () => {
    const index = Buffer.concat([Buffer.from([1]), Buffer.alloc(21, 7)]).toString("base64");
    const h = composeReplyHeaders({ ...base, answered: { ...base.answered!, threadIndex: index } });
    const out = Buffer.from(h.headers["Thread-Index"], "base64");
    expect(out.length).toBe(27);
    expect(out.subarray(0, 22).toString("base64")).toBe(index);
    expect(extendThreadIndex("not base64!")).toBeNull();
    expect(extendThreadIndex(Buffer.alloc(10).toString("base64"))).toBeNull();
  });
});

describe("replySubject", () => {
  it.each([
    ["Help", "Re: Help"],
    ["Re: Help", "Re: Help"],
    ["RE: re: Re[2]: Help", "Re: Help"],
    ["AW: SV: Fwd: FW: Help", "Re: Help"],
    ["Re: [#12] Help", "Re: [#12] Help"],
    ["[#12] Re: Help", "Re: [#12] Help"],
    ["", "Re: Your message"],
    ["Regarding the invoice", "Re: Regarding the invoice"],
  ])("%j becomes %j", (input, expected) => expect(replySubject(input)).toBe(expected));
});

describe("trimReferences", () => {
  it("keeps the first and the most recent ids", () => {
    const ids = Array.from({ length: 30 }, (_, i) => `m${i}@x`);
    const trimmed = trimReferences(ids);
    expect(trimmed).toHaveLength(10);
    expect(trimmed[0]).toBe("m0@x");
    expect(trimmed.at(-1)).toBe("m29@x");
    expect(trimmed[1]).toBe("m21@x");
  });
});
