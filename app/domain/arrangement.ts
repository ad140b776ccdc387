// Maatwerk-arrangements (domain.md, "Maatwerk-arrangement"): who may move one along its status
// flow proposed → approved (by the medical advisor of the patient's insurer) → contracted → ended,
// which organisations may be parties, and the checks on a proposal. Pure: no HTTP, no database.
import { ADVISOR_CONCLUSION_LABELS, type AdvisorConclusion } from "./advisor-conclusion";
import { CASE_STATE_LABELS, type CaseState } from "./case-lifecycle";
import {
  ARRANGEMENT_STATUS_LABELS,
  LEGAL_DOMAIN_LABELS,
  ORGANISATION_TYPE_LABELS,
  type ArrangementStatus,
  type LegalDomain,
  type OrganisationType,
} from "./vocabulary";

/** Who may pay: the insurer (Zvw), the municipality (Wmo 2015, Jeugdwet) and the zorgkantoor (Wlz). */
export const FINANCIER_TYPES = ["insurer", "municipality", "care_office"] as const satisfies readonly OrganisationType[];
/** Who may deliver care or support. */
export const PROVIDER_TYPES = ["ggz_provider", "addiction_care", "sheltered_housing", "intellectual_disability_care"] as const satisfies readonly OrganisationType[];

export const isFinancierType = (t: OrganisationType) => (FINANCIER_TYPES as readonly OrganisationType[]).includes(t);
export const isProviderType = (t: OrganisationType) => (PROVIDER_TYPES as readonly OrganisationType[]).includes(t);

/** The financier each law assigns: a component under the Wmo is paid by a municipality, and so on. */
export const LEGAL_DOMAIN_FINANCIER: Record<LegalDomain, (typeof FINANCIER_TYPES)[number]> = {
  zvw: "insurer",
  wmo: "municipality",
  wlz: "care_office",
  jeugdwet: "municipality",
};

export const FINANCIER_MESSAGE = "Een financier is een zorgverzekeraar, gemeente of zorgkantoor.";
export const PROVIDER_MESSAGE = "Kies een zorgaanbieder (ggz, verslavingszorg, beschermd wonen of zorg voor mensen met een verstandelijke beperking).";

// ── Status flow ─────────────────────────────────────────────────────────────

export const ARRANGEMENT_EVENTS = ["approve", "refuse", "contract", "end"] as const;
export type ArrangementEvent = (typeof ARRANGEMENT_EVENTS)[number];

export const ARRANGEMENT_EVENT_LABELS: Record<ArrangementEvent, string> = {
  approve: "Goedkeuren",
  refuse: "Afwijzen",
  contract: "Gecontracteerd",
  end: "Beëindigen",
};

const FLOW: Record<ArrangementEvent, { from: ArrangementStatus; to: ArrangementStatus; by: "advisor" | "chair" }> = {
  approve: { from: "proposed", to: "approved", by: "advisor" },
  refuse: { from: "proposed", to: "refused", by: "advisor" },
  contract: { from: "approved", to: "contracted", by: "chair" },
  end: { from: "contracted", to: "ended", by: "chair" },
};

/** Case states in which the advisor has the case in front of them (after "Voorleggen aan medisch adviseur"). */
export const APPROVAL_CASE_STATES: readonly CaseState[] = ["advisor_check", "funding_arranged", "placed", "follow_up"];
/** Case states in which the table works on arrangements: after the discussion, until closure. */
export const ARRANGEMENT_CASE_STATES: readonly CaseState[] = ["discussed", "plan_agreed", "advisor_check", "funding_arranged", "placed", "follow_up"];

export type ArrangementActor = {
  /** Chair of the case's table. */
  isChair: boolean;
  /** Medical advisor of the patient's insurer. */
  isInsurerAdvisor: boolean;
};

export type ArrangementTransitionInput = {
  event: ArrangementEvent;
  caseStatus: CaseState;
  actor: ArrangementActor;
  /** approve: the insurer's advisor has recorded their assessment of the seven criteria for this case. */
  hasAdvisorAssessment?: boolean;
  /** approve: the conclusion of that assessment; approval requires "meets". */
  advisorConclusion?: AdvisorConclusion | null;
  /** refuse: why the advisor refuses the arrangement. */
  reason?: string | null;
};

export type ArrangementTransitionResult = { ok: true; to: ArrangementStatus } | { ok: false; error: string };

export function arrangementTransition(from: ArrangementStatus, input: ArrangementTransitionInput): ArrangementTransitionResult {
  const rule = FLOW[input.event];
  if (!rule) return { ok: false, error: "Onbekende stap." };
  if (rule.by === "advisor" && !input.actor.isInsurerAdvisor) {
    return { ok: false, error: `Alleen de medisch adviseur van de zorgverzekeraar van de patiënt kan een arrangement ${input.event === "refuse" ? "afwijzen" : "goedkeuren"}.` };
  }
  if (rule.by === "chair" && !input.actor.isChair) {
    return { ok: false, error: "Alleen de voorzitter van de tafel kan deze stap zetten." };
  }
  if (from !== rule.from) {
    return {
      ok: false,
      error: `"${ARRANGEMENT_EVENT_LABELS[input.event]}" kan niet bij een arrangement met status "${ARRANGEMENT_STATUS_LABELS[from]}".`,
    };
  }
  if (input.event !== "end" && input.caseStatus === "closed") {
    return { ok: false, error: "Deze casus is afgesloten; een arrangement kan alleen nog worden beëindigd." };
  }
  if (input.event === "approve") {
    if (!APPROVAL_CASE_STATES.includes(input.caseStatus)) {
      return {
        ok: false,
        error: `De voorzitter legt de casus eerst voor aan de medisch adviseur (status nu: "${CASE_STATE_LABELS[input.caseStatus]}").`,
      };
    }
    if (!input.hasAdvisorAssessment) {
      return { ok: false, error: "Leg eerst uw beoordeling van de zeven inclusiecriteria voor deze casus vast." };
    }
    if (input.advisorConclusion !== "meets") {
      return {
        ok: false,
        error: input.advisorConclusion
          ? `Goedkeuren kan alleen met de conclusie "${ADVISOR_CONCLUSION_LABELS.meets}"; uw conclusie is "${ADVISOR_CONCLUSION_LABELS[input.advisorConclusion]}".`
          : "Sluit uw beoordeling eerst af met een conclusie.",
      };
    }
  }
  if (input.event === "refuse" && !input.reason?.trim()) {
    return { ok: false, error: "Geef de reden van de afwijzing." };
  }
  return { ok: true, to: rule.to };
}

/** The next step of an arrangement in this status, if any. */
export function nextArrangementEvent(status: ArrangementStatus): ArrangementEvent | null {
  return ARRANGEMENT_EVENTS.find((e) => FLOW[e].from === status) ?? null;
}

/** Why the chair cannot propose an arrangement for a case in this state, or null. */
export function proposeProblem(caseStatus: CaseState): string | null {
  if (ARRANGEMENT_CASE_STATES.includes(caseStatus)) return null;
  if (caseStatus === "closed") return "Deze casus is afgesloten; er kan geen arrangement meer worden voorgesteld.";
  return `Een arrangement kan pas worden voorgesteld als de casus is besproken (status nu: "${CASE_STATE_LABELS[caseStatus]}").`;
}

/**
 * "Financiering geregeld" needs a case that is with the medical advisor. Whether the chosen funding
 * fits the case's arrangements is decided in ./funding (a maatwerk-arrangement only for maatwerk).
 */
export function fundingProblem(caseStatus: CaseState): string | null {
  if (caseStatus !== "advisor_check") {
    return `Financiering kan alleen worden vastgelegd als de casus bij de medisch adviseur ligt (status nu: "${CASE_STATE_LABELS[caseStatus]}").`;
  }
  return null;
}

// ── A proposal ──────────────────────────────────────────────────────────────

/**
 * A cost estimate in whole euros as people type it: "12500", "12.500", "€ 12.500". Decimals and
 * negative amounts are refused with a Dutch message.
 */
export function parseEuros(raw: string): { ok: true; value: number } | { ok: false; error: string } {
  const text = raw.replace(/[€\s]/g, "");
  if (!text) return { ok: false, error: "Vul de geschatte kosten in." };
  if (/^-/.test(text)) return { ok: false, error: "De geschatte kosten kunnen niet negatief zijn." };
  if (/^(\d{1,3}(\.\d{3})+|\d+)$/.test(text)) {
    const value = Number(text.replaceAll(".", ""));
    if (value > 1_000_000_000) return { ok: false, error: "Vul een bedrag van hoogstens 1.000.000.000 euro in." };
    return { ok: true, value };
  }
  if (/^\d[\d.]*,\d*$/.test(text)) return { ok: false, error: "Vul de kosten in hele euro's in, zonder centen." };
  return { ok: false, error: "Vul een bedrag in hele euro's in, bijvoorbeeld 12500." };
}

/** The period's end must lie after its start (both yyyy-mm-dd). */
export function periodProblem(start: string, end: string): string | null {
  return end > start ? null : "De einddatum moet na de begindatum liggen.";
}

export type OrganisationRef = { id: number; type: OrganisationType; active: boolean };

export type ProposalParties = {
  providerIds: readonly number[];
  financierIds: readonly number[];
  components: readonly { legalDomain: LegalDomain; providerOrganisationId: number; financierOrganisationId: number }[];
};

/**
 * Checks the organisations of a proposal, keyed by form field: parties and component providers
 * must be care providers, financiers must be an insurer, municipality or zorgkantoor, and a
 * component's financier must be the one its law assigns.
 */
export function partyErrors(input: ProposalParties, organisations: ReadonlyMap<number, OrganisationRef>): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  const known = (id: number) => {
    const o = organisations.get(id);
    return o && o.active ? o : null;
  };
  if (input.providerIds.some((id) => !known(id) || !isProviderType(known(id)!.type))) errors.providerIds = [PROVIDER_MESSAGE];
  if (input.financierIds.some((id) => !known(id) || !isFinancierType(known(id)!.type))) errors.financierIds = [FINANCIER_MESSAGE];
  input.components.forEach((c, i) => {
    const provider = known(c.providerOrganisationId);
    if (!provider || !isProviderType(provider.type)) errors[`components.${i}.providerOrganisationId`] = [PROVIDER_MESSAGE];
    const financier = known(c.financierOrganisationId);
    if (!financier || !isFinancierType(financier.type)) errors[`components.${i}.financierOrganisationId`] = [FINANCIER_MESSAGE];
    else if (financier.type !== LEGAL_DOMAIN_FINANCIER[c.legalDomain]) {
      errors[`components.${i}.financierOrganisationId`] = [
        `Onder de ${LEGAL_DOMAIN_LABELS[c.legalDomain]} is de financier een ${ORGANISATION_TYPE_LABELS[LEGAL_DOMAIN_FINANCIER[c.legalDomain]].toLowerCase()}.`,
      ];
    }
  });
  return errors;
}

/** Everyone party to the arrangement: those chosen, plus the providers and financiers of its components. */
export function partiesOf(input: ProposalParties): { organisationId: number; role: "provider" | "financier" }[] {
  const providers = new Set([...input.providerIds, ...input.components.map((c) => c.providerOrganisationId)]);
  const financiers = new Set([...input.financierIds, ...input.components.map((c) => c.financierOrganisationId)]);
  return [
    ...[...providers].map((organisationId) => ({ organisationId, role: "provider" as const })),
    ...[...financiers].map((organisationId) => ({ organisationId, role: "financier" as const })),
  ];
}

/** "€ 12.500": whole euros with Dutch thousands separators. */
export function formatEuros(amount: number): string {
  const sign = amount < 0 ? "-" : "";
  return `€ ${sign}${String(Math.abs(Math.trunc(amount))).replace(/\B(?=(\d{3})+(?!\d))/g, ".")}`;
}
