import { functions } from "@/inngest/functions";
import { describeFunction, type RunnableFunction } from "./registry";

let described: RunnableFunction[] | undefined;

/** The project's functions as the embedded runner sees them (computed once). */
export function runnableFunctions(): RunnableFunction[] {
  described ??= functions.map((fn) => describeFunction(fn));
  return described;
}
