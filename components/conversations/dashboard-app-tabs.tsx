"use client";

import { clsx } from "clsx";
import { useCallback, useEffect, useRef, useState, type ReactNode } from "react";
import { dashboardAppContextAction } from "@/app/_server/actions/dashboard-apps";
import { useLiveEvents } from "@/components/realtime/live-refresh";
import type { AppContextData, FramedApp } from "@/lib/dashboard-apps/app-context";

/** Chatwoot's message from an app asking for the context again. */
const FETCH_INFO = "chatwoot-dashboard-app:fetch-info";
const CONVERSATION_EVENTS = new Set(["conversation.updated", "conversation.status_changed", "assignee.changed", "message.created"]);

/**
 * The conversation's tabs: "Messages" (the thread, `children`) and one per dashboard app. An
 * app's frame is sandboxed to its own origin and is sent Chatwoot's `appContext` message on load,
 * when the conversation changes (a new render, or a live event read back through the action) and
 * when it asks with `chatwoot-dashboard-app:fetch-info`. Messages from anywhere else are ignored.
 */
export function DashboardAppTabs({
  accountId,
  displayId,
  apps,
  initialContext,
  children,
}: {
  accountId: number;
  displayId: number;
  apps: FramedApp[];
  initialContext: AppContextData;
  children: ReactNode;
}) {
  const [active, setActive] = useState<number | null>(null);
  const [opened, setOpened] = useState<number[]>([]);
  const [context, setContext] = useState({ key: displayId, data: initialContext });
  // A new server render (another conversation, a refresh) brings a new context.
  const [seen, setSeen] = useState(initialContext);
  if (seen !== initialContext) {
    setSeen(initialContext);
    setContext({ key: displayId, data: initialContext });
  }
  useLiveEvents((name, data) => {
    if (!CONVERSATION_EVENTS.has(name)) return;
    // Read back only for this conversation, and only once an app is open to be told.
    const p = data as { accountId?: number; conversation?: { displayId?: number }; conversationDisplayId?: number };
    if (p.accountId !== accountId || (p.conversation?.displayId ?? p.conversationDisplayId) !== displayId || opened.length === 0) return;
    void dashboardAppContextAction({ accountId, displayId }).then((result) => {
      if (result.ok) setContext((current) => (current.key === displayId ? { key: displayId, data: result.data } : current));
    });
  });

  const open = (id: number | null) => {
    setActive(id);
    if (id !== null) setOpened((ids) => (ids.includes(id) ? ids : [...ids, id]));
  };
  const tabClass = (selected: boolean) =>
    clsx("-mb-px border-b-2 px-1 pb-2 text-sm font-medium", selected ? "border-brand-600 text-brand-700" : "border-transparent text-slate-500 hover:text-slate-800");
  return (
    <>
      <div role="tablist" aria-label="Conversation apps" className="flex gap-4 border-b border-slate-200 bg-white px-5 pt-2">
        <button type="button" role="tab" aria-selected={active === null} className={tabClass(active === null)} onClick={() => open(null)}>
          Messages
        </button>
        {apps.map((app) => (
          <button key={app.id} type="button" role="tab" aria-selected={active === app.id} className={tabClass(active === app.id)} onClick={() => open(app.id)}>
            {app.title}
          </button>
        ))}
      </div>
      <div className={clsx("min-h-0 flex-1 flex-col", active === null ? "flex" : "hidden")}>{children}</div>
      {apps
        .filter((app) => opened.includes(app.id))
        .map((app) => (
          <AppFrame key={app.id} app={app} context={context.data} hidden={active !== app.id} />
        ))}
    </>
  );
}

function AppFrame({ app, context, hidden }: { app: FramedApp; context: AppContextData; hidden: boolean }) {
  const frame = useRef<HTMLIFrameElement>(null);
  const latest = useRef(context);
  const post = useCallback(() => {
    // targetOrigin: the browser drops the message if the frame has navigated elsewhere.
    frame.current?.contentWindow?.postMessage({ event: "appContext", data: latest.current }, app.origin);
  }, [app.origin]);
  useEffect(() => {
    latest.current = context;
    post();
  }, [context, post]);
  useEffect(() => {
    const onMessage = (event: MessageEvent) => {
      if (event.source !== frame.current?.contentWindow || event.origin !== app.origin) return;
      if (event.data === FETCH_INFO) post();
    };
    window.addEventListener("message", onMessage);
    return () => window.removeEventListener("message", onMessage);
  }, [app.origin, post]);
  return (
    <iframe
      ref={frame}
      title={app.title}
      src={app.url}
      // Same origin as the app's own (its storage, its cookies), never ours: the URL is another site's.
      sandbox="allow-scripts allow-forms allow-popups allow-same-origin"
      onLoad={post}
      className={clsx("min-h-0 w-full flex-1 border-0 bg-white", hidden && "hidden")}
    />
  );
}
