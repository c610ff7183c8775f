import { describe, expect, it } from "vitest";
import { userActor } from "@/lib/auth/actor";
import { runActionAs } from "@/app/_server/action";
import { updateContactAction } from "@/app/_server/actions/contacts";
import { createEmailInboxAction, testEmailConnectionAction } from "@/app/_server/actions/email-inboxes";
import * as f from "../../factories";
import { useTestDatabase } from "../../support/db";

/**
 * What a form shows when its values are wrong (newcomer review bug 7): every problem at once, each
 * naming the field as the form labels it, and each also by field path so the form can show it
 * beside that field. Run through the real server actions.
 */
const db = useTestDatabase();
const as = (userId: number) => ({ actor: userActor(userId), userId });

describe("form errors from server actions", () => {
  it("the email inbox wizard, submitted empty, hears of every problem in the form's words", async () => {
    const { account, admin } = await f.createWorkspace(db());
    // What the wizard sends for an untouched form with the host fields cleared.
    const channel = { email: "", imapEnabled: true, imapAddress: null, imapPort: 0, imapFolder: "", smtpEnabled: true, smtpAddress: null, smtpPort: 70000 };
    const expected = {
      ok: false,
      error: "Email address is not valid. IMAP port must be between 1 and 65535. Folder to read can't be blank. SMTP port must be between 1 and 65535. IMAP host can't be blank. SMTP host can't be blank",
      fieldErrors: {
        "channel.email": "Email address is not valid",
        "channel.imapPort": "IMAP port must be between 1 and 65535",
        "channel.imapFolder": "Folder to read can't be blank",
        "channel.smtpPort": "SMTP port must be between 1 and 65535",
        "channel.imapAddress": "IMAP host can't be blank",
        "channel.smtpAddress": "SMTP host can't be blank",
      },
    };
    expect(await runActionAs(testEmailConnectionAction, as(admin.id), { accountId: account.id, channel })).toEqual(expected);
    expect(await runActionAs(createEmailInboxAction, as(admin.id), { accountId: account.id, name: "Support", channel })).toEqual(expected);
  });

  it("the contact form names both bad fields, without internal names", async () => {
    const { account, admin } = await f.createWorkspace(db());
    const contact = await f.createContact(db(), account.id);
    const result = await runActionAs(updateContactAction, as(admin.id), { accountId: account.id, contactId: contact.id, name: "Ada", email: "ada@", phoneNumber: "call me" });
    expect(result).toEqual({
      ok: false,
      error: "Email address is not valid. Phone number is not valid",
      fieldErrors: { email: "Email address is not valid", phoneNumber: "Phone number is not valid" },
    });
  });

  it("a malformed request names the field, not zod's internals", async () => {
    const { account, admin } = await f.createWorkspace(db());
    const result = await runActionAs(updateContactAction, as(admin.id), { accountId: account.id, contactId: 1, name: "Ada" } as never);
    expect(result).toEqual({ ok: false, error: "Email is missing. Phone number is missing", fieldErrors: { email: "Email is missing", phoneNumber: "Phone number is missing" } });
  });
});
