/** The first-response-time distribution as the overview shows it (lib/reports' buckets, in words). */

export const DISTRIBUTION_BUCKETS = [
  { key: "0-1h", label: "Under 1 h" },
  { key: "1-4h", label: "1–4 h" },
  { key: "4-8h", label: "4–8 h" },
  { key: "8-24h", label: "8–24 h" },
  { key: "24h+", label: "24 h or more" },
] as const;

/** `counts[channel][bucket]`, channels as Chatwoot names them ("Channel::Email"), in name order. */
export type DistributionView = { channels: string[]; counts: Record<string, Record<string, number>> };

const CHANNEL_LABELS: Record<string, string> = { "Channel::Api": "API", "Channel::Email": "Email" };
export const channelLabel = (channel: string) => CHANNEL_LABELS[channel] ?? channel;

export function distributionView(counts: Record<string, Record<string, number>>): DistributionView {
  return { channels: Object.keys(counts).sort(), counts };
}
