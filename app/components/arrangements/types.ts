// The arrangements page's data, for its parts.
import type { SerializeFrom } from "@remix-run/node";
import type { loader } from "~/routes/casussen.$caseId_.arrangementen";

export type ArrangementsPageData = SerializeFrom<typeof loader>;
export type ArrangementView = ArrangementsPageData["arrangements"][number];
export type AdvisorAssessment = NonNullable<ArrangementsPageData["assessment"]>;
