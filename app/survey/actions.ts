"use server";

import { headers } from "next/headers";
import { z } from "zod";
import { publicAction } from "@/app/_server/action";
import { clientAddress } from "@/lib/auth/client-address";
import { answerSurvey } from "@/lib/csat/respond";

/** The customer's answer on the public survey page; the token in the link is the only credential. */
export const answerSurveyAction = publicAction(
  z.object({ token: z.string().max(200), rating: z.unknown(), feedbackMessage: z.string().optional() }),
  async ({ db }, input) => {
    const saved = await answerSurvey(db, input.token, clientAddress(await headers()), { rating: input.rating as number, feedbackMessage: input.feedbackMessage });
    return { rating: saved.rating, feedbackMessage: saved.feedbackMessage };
  },
  { refresh: false },
);
