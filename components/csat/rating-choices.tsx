"use client";

import type { CsatDisplayType } from "@/lib/csat/config";
import { CSAT_RATINGS, RATING_EMOJI, RATING_LABELS } from "@/lib/csat/rules";

/**
 * The five ratings as a radio group, as the inbox's csat_config asks: faces (Chatwoot's default)
 * or stars. The look follows the checked radio through CSS alone (`:has(:checked)`), so it is
 * right before the page's script runs, or without it; each radio is named by its label.
 */
export function RatingChoices({ displayType, rating, onChange }: { displayType: CsatDisplayType; rating: number | null; onChange: (rating: number) => void }) {
  const stars = displayType === "star";
  return (
    <fieldset>
      <legend id="survey-rating-legend" className="mb-2 text-sm font-medium text-slate-700">
        Your rating
      </legend>
      <div className={stars ? "flex gap-1" : "flex justify-between gap-1"} role="radiogroup" aria-labelledby="survey-rating-legend">
        {CSAT_RATINGS.map((r) => (
          <label
            key={r}
            className={
              stars
                ? // A star is lit when it or a star after it is checked.
                  "flex cursor-pointer flex-col items-center rounded-md px-1 py-1 text-slate-300 has-[:checked]:text-amber-500 has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-blue-500 [&:has(~label_input:checked)]:text-amber-500"
                : "flex flex-1 cursor-pointer flex-col items-center rounded-md border border-slate-200 px-1 py-2 hover:bg-slate-50 has-[:checked]:border-blue-600 has-[:checked]:bg-blue-50 has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-blue-500"
            }
          >
            <input
              type="radio"
              name="rating"
              value={r}
              required
              checked={rating === r}
              onChange={() => onChange(r)}
              className="sr-only"
              aria-label={stars ? `${r} ${r === 1 ? "star" : "stars"} – ${RATING_LABELS[r]}` : `${r} – ${RATING_LABELS[r]}`}
            />
            <span aria-hidden="true" data-rating-look={stars ? "star" : "emoji"} className={stars ? "text-4xl leading-none" : "text-2xl"}>
              {stars ? "★" : RATING_EMOJI[r]}
            </span>
            {stars ? null : <span className="mt-1 text-[10px] text-slate-500">{r}</span>}
          </label>
        ))}
      </div>
      {rating ? <p className="mt-2 text-sm text-slate-600">{RATING_LABELS[rating]}</p> : null}
    </fieldset>
  );
}
