"use server";

import { z } from "zod";
import { loadAppContext } from "@/lib/dashboard-apps/app-context";
import { createDashboardApp, deleteDashboardApp, updateDashboardApp } from "@/lib/dashboard-apps/manage";
import { serverAction } from "../action";

const id = z.number().int().positive();
const fields = { title: z.string().max(255), url: z.string().max(2048) };

/** Settings → Integrations → Dashboard apps (administrators; the domain checks). */
export const createDashboardAppAction = serverAction(z.object({ accountId: id, ...fields }), async ({ db, actor }, { accountId, title, url }) => {
  const app = await createDashboardApp(db, actor, accountId, { title, content: [{ type: "frame", url }] });
  return { id: app.id };
});

export const updateDashboardAppAction = serverAction(z.object({ accountId: id, appId: id, ...fields }), async ({ db, actor }, { accountId, appId, title, url }) => {
  await updateDashboardApp(db, actor, accountId, appId, { title, content: [{ type: "frame", url }] });
  return null;
});

export const deleteDashboardAppAction = serverAction(z.object({ accountId: id, appId: id }), async ({ db, actor }, { accountId, appId }) => {
  await deleteDashboardApp(db, actor, accountId, appId);
  return null;
});

/** The appContext a framed app receives, read again when a live event changes the open conversation. */
export const dashboardAppContextAction = serverAction(z.object({ accountId: id, displayId: id }), async ({ db, actor }, { accountId, displayId }) =>
  loadAppContext(db, actor, accountId, displayId),
);
