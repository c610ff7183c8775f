import { TabNav } from "@/components/ui/tab-nav";

export function SettingsNav({ accountId }: { accountId: number }) {
  const base = `/app/accounts/${accountId}/settings`;
  return (
    <TabNav
      label="Settings"
      items={[
        { href: `${base}/account`, label: "Account" },
        { href: `${base}/agents`, label: "Agents" },
        { href: `${base}/roles`, label: "Roles" },
        { href: `${base}/inboxes`, label: "Inboxes" },
        { href: `${base}/teams`, label: "Teams" },
        { href: `${base}/labels`, label: "Labels" },
        { href: `${base}/custom-attributes`, label: "Custom attributes" },
        // Mail captured for inboxes without SMTP (the embedded default has none).
        { href: `${base}/outbox`, label: "Outbox" },
        // Integrations: webhooks and dashboard apps.
        { href: `${base}/integrations/webhooks`, label: "Integrations" },
        { href: `${base}/integrations/dashboard-apps`, label: "Dashboard apps" },
        { href: `${base}/canned-responses`, label: "Canned responses" },
        { href: `${base}/bots`, label: "Bots" },
        { href: `${base}/automation`, label: "Automation" },
        { href: `${base}/macros`, label: "Macros" },
        { href: `${base}/sla`, label: "SLA" },
      ]}
    />
  );
}
