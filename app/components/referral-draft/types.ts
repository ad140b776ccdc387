// The referral wizard page's data, for its step components.
import type { SerializeFrom } from "@remix-run/node";
import type { action, loader } from "~/routes/verwijzingen.concept.$draftId";

export type DraftPageData = SerializeFrom<typeof loader>;
export type DraftActionData = SerializeFrom<typeof action>;
