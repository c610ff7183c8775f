import type { z } from "zod";
import { invalid } from "@/lib/errors";

/**
 * Parses input that crossed a boundary (an API body, a form, a server action argument) and turns
 * zod's failure into the one error type: 422 with a message naming the first bad field.
 * Shared by the domain functions and the API wrapper so both report the same way.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const first = result.error.issues[0];
  const where = first && first.path.length > 0 ? `${first.path.join(".")}: ` : "";
  throw invalid(`${where}${first?.message ?? "Invalid input"}`, {
    issues: result.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
  });
}
