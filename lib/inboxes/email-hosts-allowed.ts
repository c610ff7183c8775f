import { invalid } from "@/lib/errors";
import { OutboundRefusedError, resolveOutbound } from "@/lib/net/outbound-policy";

type Hosts = { imapEnabled?: boolean; imapAddress?: string | null; smtpEnabled?: boolean; smtpAddress?: string | null };

/**
 * Saving an inbox refuses IMAP/SMTP hosts the outbound address policy refuses, with the policy's
 * words beside the field. A host that does not resolve (yet) may be saved: the poll reports it.
 * Every connection checks again (lib/mailbox/imap/connect.ts, lib/mailbox/smtp/send-smtp.ts), so
 * a name whose DNS changes later is still refused then.
 */
export async function assertMailHostsAllowed(hosts: Hosts): Promise<void> {
  const sides = [
    { enabled: hosts.imapEnabled, host: hosts.imapAddress, path: "channel.imapAddress", label: "IMAP host" },
    { enabled: hosts.smtpEnabled, host: hosts.smtpAddress, path: "channel.smtpAddress", label: "SMTP host" },
  ];
  const issues: { path: string; message: string }[] = [];
  for (const side of sides) {
    if (side.enabled === false || !side.host) continue;
    try {
      await resolveOutbound(side.host);
    } catch (error) {
      if (error instanceof OutboundRefusedError) issues.push({ path: side.path, message: `${side.label}: ${error.message}` });
    }
  }
  if (issues.length > 0) throw invalid(issues.map((i) => i.message).join(". "), { issues });
}
