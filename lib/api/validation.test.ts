import { describe, expect, it } from "vitest";
import { z } from "zod";
import { fieldLabel, parseInput } from "./validation";

/** How invalid input reads wherever it is reported: every problem at once, in the form's words. */
describe("parseInput's message", () => {
  const schema = z.object({
    name: z.string().trim().min(1, "Name can't be blank"),
    channel: z.object({ email: z.email("Email address is not valid"), imapPort: z.number().int().min(1, "IMAP port must be between 1 and 65535") }),
    phoneNumber: z.string(),
    webhookUrl: z.url().optional(),
  });

  const failure = (input: unknown) => {
    try {
      parseInput(schema, input);
    } catch (error) {
      return error as { message: string; details: { issues: { path: string; message: string }[] } };
    }
    throw new Error("expected a failure");
  };

  it("lists every problem at once, never an internal path", () => {
    const error = failure({ name: " ", channel: { email: "nope", imapPort: 0 }, phoneNumber: 5, webhookUrl: "x" });
    expect(error.message).toBe("Name can't be blank. Email address is not valid. IMAP port must be between 1 and 65535. Phone number is not valid. Webhook URL is not valid");
    expect(error.message).not.toMatch(/channel\.|phoneNumber/);
    expect(error.details.issues).toEqual([
      { path: "name", message: "Name can't be blank" },
      { path: "channel.email", message: "Email address is not valid" },
      { path: "channel.imapPort", message: "IMAP port must be between 1 and 65535" },
      { path: "phoneNumber", message: "Phone number is not valid" },
      { path: "webhookUrl", message: "Webhook URL is not valid" },
    ]);
  });

  it("names a missing field instead of zod's 'expected string, received undefined'", () => {
    expect(failure({ name: "A", channel: { email: "a@b.test", imapPort: 1 } }).message).toBe("Phone number is missing");
  });

  it("labels fields as forms do", () => {
    expect(fieldLabel(["channel", "smtpAddress"])).toBe("SMTP address");
    expect(fieldLabel(["phone_number"])).toBe("Phone number");
    expect(fieldLabel(["memberIds", 0])).toBe("Member IDs");
  });
});
