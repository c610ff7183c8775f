import { afterEach, describe, expect, it } from "vitest";
import { GET, PUT } from "@/app/api/inngest/route";
import { functions } from "@/inngest/functions";
import { setEnvVar } from "@/lib/env";

/** app/api/inngest serves the functions to Inngest only when Inngest is configured. */
describe("the Inngest endpoint", () => {
  afterEach(() => setEnvVar("INNGEST_DEV", ""));

  it("answers 404 when jobs run in process", async () => {
    const response = await GET(new Request("http://localhost/api/inngest"), {});
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ message: "Inngest is not configured; background jobs run in process" });
    expect((await PUT(new Request("http://localhost/api/inngest", { method: "PUT" }), {})).status).toBe(404);
  });

  it("describes the functions to an Inngest dev server when INNGEST_DEV is set", async () => {
    setEnvVar("INNGEST_DEV", "1");
    const response = await GET(new Request("http://localhost/api/inngest"), {});
    expect(response.status).toBe(200);
    const body = (await response.json()) as { function_count?: number; mode?: string };
    expect(body.function_count).toBe(functions.length);
  });
});
