import { afterEach, describe, expect, it } from "vitest";
import { setEnvVar } from "@/lib/env";
import { SecretUnreadableError, decryptSecret, encryptSecret } from "./secrets";

describe("secrets at rest", () => {
  afterEach(() => setEnvVar("ENCRYPTION_KEY", ""));

  it("round-trips and never stores the plain text", () => {
    setEnvVar("ENCRYPTION_KEY", "test-key-one");
    const stored = encryptSecret("hunter2-imap-password");
    expect(stored).not.toContain("hunter2");
    expect(encryptSecret("hunter2-imap-password")).not.toBe(stored);
    expect(decryptSecret(stored)).toBe("hunter2-imap-password");
  });

  it("says the key changed instead of returning garbage", () => {
    setEnvVar("ENCRYPTION_KEY", "test-key-one");
    const stored = encryptSecret("secret");
    setEnvVar("ENCRYPTION_KEY", "another-key");
    expect(() => decryptSecret(stored)).toThrow(SecretUnreadableError);
  });
});
