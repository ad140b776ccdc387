// The consent page's data and form values, for its parts.
import type { SerializeFrom } from "@remix-run/node";
import type { loader } from "~/routes/casussen.$caseId_.toestemming";

export type ConsentPageData = SerializeFrom<typeof loader>;
export type Values = Record<string, string | string[]>;

/** Every value posted under `name` (checkbox groups), or none. */
export const listOf = (values: Values, name: string): string[] => {
  const v = values[name];
  return Array.isArray(v) ? v : v ? [v] : [];
};
/** The one value posted under `name`, or "". */
export const textOf = (values: Values, name: string) => listOf(values, name)[0] ?? "";
