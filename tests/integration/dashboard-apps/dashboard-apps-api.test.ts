import { describe, expect, it } from "vitest";
import * as app from "@/app/api/v1/accounts/[account_id]/dashboard_apps/[id]/route";
import * as apps from "@/app/api/v1/accounts/[account_id]/dashboard_apps/route";
import { setEnvVar } from "@/lib/env";
import * as f from "../../factories";
import { useTestDatabase } from "../../support/db";
import { call } from "../api/call";

const db = useTestDatabase();

describe("dashboard apps API", () => {
  it("administrators create, update and delete apps in Chatwoot's shape; agents list them; other accounts see nothing", async () => {
    const { account, admin, agent } = await f.createWorkspace(db());
    const params = { account_id: account.id };
    const created = await call(apps.POST, { token: admin.apiAccessToken, params, body: { dashboard_app: { title: "CRM", content: [{ type: "frame", url: "https://crm.example.com/panel" }] } } });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ title: "CRM", content: [{ type: "frame", url: "https://crm.example.com/panel" }], user_id: admin.id });
    expect((await call(apps.GET, { token: agent.apiAccessToken, params })).body.map((a: { title: string }) => a.title)).toEqual(["CRM"]);
    expect((await call(apps.POST, { token: agent.apiAccessToken, params, body: { title: "Mine", content: [{ type: "frame", url: "https://x.example.com" }] } })).status).toBe(403);

    const patched = await call(app.PATCH, { token: admin.apiAccessToken, params: { ...params, id: created.body.id }, body: { title: "CRM 2", content: [{ type: "frame", link: "https://crm.example.com/v2" }] } });
    expect(patched.body).toMatchObject({ title: "CRM 2", content: [{ type: "frame", url: "https://crm.example.com/v2" }] });

    const other = await f.createWorkspace(db());
    expect((await call(app.GET, { token: other.admin.apiAccessToken, params: { account_id: other.account.id, id: created.body.id } })).status).toBe(404);
    expect((await call(app.DELETE, { token: admin.apiAccessToken, params: { ...params, id: created.body.id } })).status).toBe(204);
    expect((await call(apps.GET, { token: admin.apiAccessToken, params })).body).toEqual([]);
  });

  it("refuses URLs that are not http(s), plain http unless allowed, and hosts the outbound policy refuses", async () => {
    const { account, admin } = await f.createWorkspace(db());
    const post = (url: string) => call(apps.POST, { token: admin.apiAccessToken, params: { account_id: account.id }, body: { title: "X", content: [{ type: "frame", url }] } });
    expect((await post("javascript:alert(1)")).status).toBe(422);
    setEnvVar("INTEGRATIONS_ALLOW_HTTP", "false");
    setEnvVar("OUTBOUND_ALLOW_PRIVATE", "false");
    try {
      expect((await post("http://crm.example.com")).status).toBe(422);
      expect((await post("https://169.254.169.254/")).status).toBe(422);
    } finally {
      setEnvVar("INTEGRATIONS_ALLOW_HTTP", "true");
      setEnvVar("OUTBOUND_ALLOW_PRIVATE", "true");
    }
  });
});
