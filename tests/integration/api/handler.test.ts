import fs from "node:fs";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import type { EndpointSpec } from "@/lib/api/endpoint";
import { apiRoute } from "@/lib/api/handler";
import * as openapi from "@/app/api/v1/openapi.json/route";
import * as f from "../../factories";
import { useTestDatabase } from "../../support/db";
import { call } from "./call";

const db = useTestDatabase();

describe("the API wrapper", () => {
  it("turns an unexpected error into a 500 with a reference that is in the log", async () => {
    const { admin } = await f.createWorkspace(db());
    // Not registered with defineEndpoint, so it stays out of the published document.
    const endpoint: EndpointSpec<z.ZodType, z.ZodType, z.ZodObject<{ n: z.ZodNumber }>> = {
      method: "POST",
      path: "/api/v1/test/boom",
      summary: "test",
      tag: "Test",
      body: z.object({ n: z.number() }),
      responds: "never",
    };
    const route = apiRoute(endpoint, async () => {
      throw new Error("database on fire");
    });
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const res = await call(route, { token: admin.apiAccessToken, body: { n: 1 } });
      expect(res.status).toBe(500);
      expect(res.body).toEqual({ error: "Internal server error", message: "Internal server error", reference: expect.any(String) });
      expect(JSON.stringify(res.body)).not.toContain("on fire");
      expect(logged.mock.calls.map((c) => String(c[0])).join("\n")).toContain(res.body.reference);
    } finally {
      logged.mockRestore();
    }
    const invalidJson = await route(
      new Request("http://localhost/x", { method: "POST", headers: { api_access_token: admin.apiAccessToken }, body: "{nope" }),
      { params: Promise.resolve({}) },
    );
    expect(invalidJson.status).toBe(422);
  });

  it("refuses, under test, to send a response that differs from its documented schema", async () => {
    const { admin } = await f.createWorkspace(db());
    const endpoint: EndpointSpec = { method: "GET", path: "/api/v1/test/drift", summary: "test", tag: "Test", responds: "x", response: z.object({ id: z.number() }) };
    const route = apiRoute(endpoint, async () => ({ id: "7" }));
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      expect((await call(route, { token: admin.apiAccessToken })).status).toBe(500);
      expect(logged.mock.calls.map((c) => String(c[0])).join("\n")).toContain("does not match its documented schema: id:");
    } finally {
      logged.mockRestore();
    }
  });

  it("wraps every route handler under app/api/v1", () => {
    const root = path.join(process.cwd(), "app/api/v1");
    const routes: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (entry.name === "route.ts") routes.push(full);
      }
    };
    walk(root);
    expect(routes.length).toBeGreaterThan(15);
    for (const file of routes) {
      const source = fs.readFileSync(file, "utf8");
      const exported = [...source.matchAll(/export\s+(?:const|async function|function)\s+(GET|POST|PUT|PATCH|DELETE)\b(.*)/g)];
      expect(exported.length, file).toBeGreaterThan(0);
      for (const [, method, rest] of exported) expect(`${method}${rest}`, file).toMatch(new RegExp(`^${method} = apiRoute\\(`));
    }
  });
});

describe("GET /api/v1/openapi.json", () => {
  it("documents the endpoints with the request schemas, without authentication", async () => {
    const res = await call(openapi.GET);
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe("3.1.0");
    const list = res.body.paths["/api/v1/accounts/{account_id}/conversations"];
    expect(list.get.parameters).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: "account_id", in: "path", required: true }),
        expect.objectContaining({ name: "status", in: "query", schema: expect.objectContaining({ enum: ["open", "resolved", "pending", "snoozed", "all"] }) }),
        expect.objectContaining({ name: "assignee_type", in: "query" }),
      ]),
    );
    const create = res.body.paths["/api/v1/accounts/{account_id}/conversations/{conversation_id}/messages"].post;
    expect(create.requestBody.content["application/json"].schema.properties.message_type.enum).toEqual(["outgoing", "incoming"]);
    // A message may be files alone (multipart attachments[]), so its text is documented but optional.
    expect(create.requestBody.content["application/json"].schema.properties.content.type).toBe("string");
    expect(create.requestBody.content["application/json"].schema.required ?? []).not.toContain("content");
    for (const p of ["/api/v1/profile", "/api/v1/accounts/{account_id}/agents/{id}", "/api/v1/accounts/{account_id}/inbox_members", "/api/v1/accounts/{account_id}/contacts/search"]) {
      expect(res.body.paths[p], p).toBeDefined();
    }
    expect(res.body.paths["/api/v1/test/boom"]).toBeUndefined();
    const listed = list.get.responses["200"].content["application/json"].schema;
    expect(listed.properties.data.properties.meta.required).toEqual(["mine_count", "unassigned_count", "assigned_count", "all_count"]);
    expect(listed.properties.data.properties.payload.items.properties.id.description).toBe("The display id, used in URLs");
    expect(res.body.components.securitySchemes.userApiKey).toEqual({ type: "apiKey", in: "header", name: "api_access_token" });
  });
});
