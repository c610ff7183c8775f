"use client";

import { useActionState, useState } from "react";
import { answerSurveyAction } from "@/app/survey/actions";
import { AuthError, authButtonClass } from "@/components/auth/auth-card";
import { useAction } from "@/components/use-action";
import type { CsatDisplayType } from "@/lib/csat/config";
import { FEEDBACK_MAX_LENGTH } from "@/lib/csat/rules";
import { RatingChoices } from "./rating-choices";

type Props = { token: string; rating: number | null; feedbackMessage: string | null; answered: boolean; displayType: CsatDisplayType };

/**
 * The rating (1–5) and an optional comment; nothing is saved until Submit. With JavaScript the
 * answer is sent in place; without it the same action takes the form's post and the page comes
 * back with the answer saved (React's form action: the server renders the result).
 */
export function SurveyForm({ token, rating: initialRating, feedbackMessage, answered, displayType }: Props) {
  // Only a post made without JavaScript fills this (the onSubmit below handles every other).
  const [posted, postAction] = useActionState(answerSurveyAction, null);
  const saved = posted?.ok ? posted.data : null;
  const [rating, setRating] = useState<number | null>(saved?.rating ?? initialRating);
  const [comment, setComment] = useState(saved ? (saved.feedbackMessage ?? "") : (feedbackMessage ?? ""));
  const [savedNow, setSavedNow] = useState(Boolean(saved));
  const { run, pending, error } = useAction(answerSurveyAction);
  const shownError = error ?? (posted && !posted.ok ? posted.error : null);
  return (
    <form
      action={postAction}
      className="flex flex-col gap-4"
      onSubmit={(e) => {
        e.preventDefault();
        if (rating === null) return;
        setSavedNow(false);
        run({ token, rating, feedbackMessage: comment }, () => setSavedNow(true));
      }}
    >
      <input type="hidden" name="token" value={token} />
      <RatingChoices displayType={displayType} rating={rating} onChange={setRating} />
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
      {shownError ? <AuthError>{shownError}</AuthError> : null}
      {savedNow ? (
        <p role="status" className="rounded-md bg-green-50 px-3 py-2 text-sm text-green-800">
          Thank you! Your answer was saved.
        </p>
      ) : null}
      <button type="submit" disabled={pending} className={authButtonClass}>
        {answered || savedNow ? "Update my answer" : "Submit"}
      </button>
    </form>
  );
}
