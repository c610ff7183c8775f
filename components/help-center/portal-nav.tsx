import { TabNav } from "@/components/ui/tab-nav";

export function PortalNav({ base }: { base: string }) {
  return (
    <TabNav
      label="Portal"
      items={[
        { href: `${base}/articles`, label: "Articles" },
        { href: `${base}/categories`, label: "Categories" },
        { href: `${base}/settings`, label: "Settings" },
      ]}
    />
  );
}
