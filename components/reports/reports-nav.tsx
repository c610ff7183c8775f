import { TabNav } from "@/components/ui/tab-nav";

/** The reports' tabs; paths follow Chatwoot's dashboard (/reports/overview, /reports/agent, …). */
export function ReportsNav({ accountId }: { accountId: number }) {
  const base = `/app/accounts/${accountId}/reports`;
  return (
    <TabNav
      label="Reports"
      items={[
        { href: `${base}/overview`, label: "Overview" },
        { href: `${base}/agent`, label: "Agents" },
        { href: `${base}/inboxes`, label: "Inboxes" },
        { href: `${base}/teams`, label: "Teams" },
        { href: `${base}/label`, label: "Labels" },
        // Customer satisfaction surveys' report (components/csat).
        { href: `${base}/csat`, label: "CSAT" },
      ]}
    />
  );
}
