"use client";

import { useState } from "react";
import type { MessageDelivery } from "@/lib/messages/types";
import type { MessagePayload } from "@/lib/realtime/payloads";
import { useLiveEvents } from "@/components/realtime/live-refresh";

export type DeliveryStatus = { status: string; error: string | null; delivery: MessageDelivery | null; version: number };

const errorOf = (attributes: Record<string, unknown>) => (typeof attributes.external_error === "string" ? attributes.external_error : null);

/**
 * A message's delivery status as rendered, or as a newer `message.updated` event says (a reply
 * retried, sent or failed, a bounce), also one that arrived just before this badge was rendered
 * (replayed by LiveRefresh). Versions are the message's updated_at.
 */
export function useLiveMessageStatus(messageId: number, rendered: DeliveryStatus): DeliveryStatus {
  const [live, setLive] = useState<DeliveryStatus | null>(null);
  useLiveEvents((name, data) => {
    if (name !== "message.updated") return;
    const p = data as MessagePayload;
    if (p.message?.id !== messageId) return;
    const d = p.message.delivery;
    const next = {
      status: p.message.status,
      // A partial payload lacks the attributes (the failure's reason): shown with the next render.
      error: p.partial ? null : errorOf(p.message.contentAttributes),
      // The delivery is small and always in the payload: the retry's reason and time show at once.
      delivery: d ? { ...d, nextAttemptAt: d.nextAttemptAt === null ? null : new Date(d.nextAttemptAt) } : null,
      version: p.version,
    };
    setLive((current) => (current && current.version > next.version ? current : next));
  });
  return live && live.version > rendered.version ? live : rendered;
}
