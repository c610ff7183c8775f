"use client";

import { clsx } from "clsx";
import { useState } from "react";
import { answerSurveyAction } from "@/app/survey/actions";
import { AuthError, authButtonClass } from "@/components/auth/auth-card";
import { useAction } from "@/components/use-action";
import { CSAT_RATINGS, FEEDBACK_MAX_LENGTH, RATING_EMOJI, RATING_LABELS } from "@/lib/csat/rules";

type Props = { token: string; rating: number | null; feedbackMessage: string | null; answered: boolean };

/** The rating (1–5) and an optional comment; nothing is saved until Submit. */
export function SurveyForm({ token, rating: initialRating, feedbackMessage, answered }: Props) {
  const [rating, setRating] = useState<number | null>(initialRating);
  const [comment, setComment] = useState(feedbackMessage ?? "");
  const [saved, setSaved] = useState(false);
  const { run, pending, error } = useAction(answerSurveyAction);
  return (
    <form
      className="flex flex-col gap-4"
      onSubmit={(e) => {
        e.preventDefault();
        if (rating === null) return;
        setSaved(false);
        run({ token, rating, feedbackMessage: comment }, () => setSaved(true));
      }}
    >
      <fieldset>
        <legend className="mb-2 text-sm font-medium text-slate-700">Your rating</legend>
        <div className="flex justify-between gap-1" role="radiogroup">
          {CSAT_RATINGS.map((r) => (
            <label
              key={r}
              className={clsx(
                "flex flex-1 cursor-pointer flex-col items-center rounded-md border px-1 py-2 text-2xl",
                rating === r ? "border-blue-600 bg-blue-50" : "border-slate-200 hover:bg-slate-50",
              )}
            >
              <input type="radio" name="rating" value={r} checked={rating === r} onChange={() => setRating(r)} className="sr-only" aria-label={`${r} – ${RATING_LABELS[r]}`} />
              <span aria-hidden="true">{RATING_EMOJI[r]}</span>
              <span className="mt-1 text-[10px] text-slate-500">{r}</span>
            </label>
          ))}
        </div>
        {rating ? <p className="mt-2 text-sm text-slate-600">{RATING_LABELS[rating]}</p> : null}
      </fieldset>
      <label className="flex flex-col gap-1 text-sm font-medium text-slate-700">
        Comment (optional)
        <textarea
          name="feedbackMessage"
          rows={4}
          maxLength={FEEDBACK_MAX_LENGTH}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          className="rounded-md border border-slate-300 px-3 py-2 text-sm font-normal focus:border-blue-500 focus:ring-1 focus:ring-blue-500 focus:outline-none"
        />
      </label>
      {error ? <AuthError>{error}</AuthError> : null}
      {saved ? (
        <p role="status" className="rounded-md bg-green-50 px-3 py-2 text-sm text-green-800">
          Thank you! Your answer was saved.
        </p>
      ) : null}
      <button type="submit" disabled={pending || rating === null} className={authButtonClass}>
        {answered || saved ? "Update my answer" : "Submit"}
      </button>
    </form>
  );
}
