"use client";

import { useState } from "react";
import { useLiveEvents } from "@/components/realtime/live-refresh";
import { RATING_EMOJI, RATING_LABELS } from "@/lib/csat/rules";
import type { MessagePayload } from "@/lib/realtime/payloads";

type Answer = { rating: number; feedback: string | null };

/** Chatwoot's place for the answer: the survey message's content_attributes.submitted_values. */
export function answerOf(attributes: Record<string, unknown>): Answer | null {
  const submitted = attributes.submitted_values as { csat_survey_response?: { rating?: unknown; feedback_message?: unknown } } | undefined;
  const r = submitted?.csat_survey_response;
  if (!r || typeof r.rating !== "number") return null;
  return { rating: r.rating, feedback: typeof r.feedback_message === "string" && r.feedback_message ? r.feedback_message : null };
}

/**
 * Under the survey message in the thread: the customer's rating and comment, or "awaiting", kept
 * current by the survey message's `message.updated` (another agent sees the answer arrive).
 */
export function CsatRating({ messageId, contentAttributes, version }: { messageId: number; contentAttributes: Record<string, unknown>; version: number }) {
  const [live, setLive] = useState<{ answer: Answer | null; version: number } | null>(null);
  useLiveEvents((name, data) => {
    if (name !== "message.updated") return;
    const p = data as MessagePayload;
    if (p.message?.id !== messageId || p.partial) return;
    const next = { answer: answerOf(p.message.contentAttributes), version: p.version };
    setLive((current) => (current && current.version > next.version ? current : next));
  });
  const answer = live && live.version > version ? live.answer : answerOf(contentAttributes);
  if (!answer) {
    return (
      <p className="mt-1 text-xs text-slate-500" data-csat-rating="none">
        Satisfaction survey sent · no answer yet
      </p>
    );
  }
  return (
    <div className="mt-1 max-w-full rounded-md border border-slate-200 bg-white px-3 py-2 text-sm text-slate-700" data-csat-rating={answer.rating}>
      <p>
        <span aria-hidden="true">{RATING_EMOJI[answer.rating]} </span>
        Customer rating: <strong>{answer.rating} of 5</strong> ({RATING_LABELS[answer.rating]})
      </p>
      {answer.feedback ? <p className="mt-1 whitespace-pre-wrap text-slate-600">“{answer.feedback}”</p> : null}
    </div>
  );
}
