// Closing the plan's loop on capacity (plan-van-aanpak: the tables deliver "een gedegen
// onderbouwing", the insurers buy extra care): a chair publishes a shortfall to the insurers and
// the national project leader; an insurer responds. Pure.
import { CONFIRM_NO_PATIENT_DATA, identifyingTextProblem } from "./non-identifying";

export const SHORTFALL_RESPONSE_KINDS = ["extra_purchase_promised", "in_consideration", "existing_offer", "not_possible", "other"] as const;
export type ShortfallResponseKind = (typeof SHORTFALL_RESPONSE_KINDS)[number];

export const SHORTFALL_RESPONSE_KIND_LABELS: Record<ShortfallResponseKind, string> = {
  extra_purchase_promised: "Extra inkoop toegezegd",
  in_consideration: "In overweging",
  existing_offer: "Bestaand aanbod beschikbaar",
  not_possible: "Niet mogelijk",
  other: "Anders",
};

/** Why this shortfall cannot be published, or null: it is confirmed and its text carries no patient data. */
export function publishProblem(input: { confirmedNoPatientData: boolean; justification: string; alreadyPublished: boolean }): string | null {
  if (input.alreadyPublished) return "Dit tekort is al gepubliceerd.";
  if (!input.confirmedNoPatientData) return CONFIRM_NO_PATIENT_DATA;
  return identifyingTextProblem(input.justification);
}
