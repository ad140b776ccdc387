// One badge for statuses and urgencies: the same words and colours on every list and page.
// Colour is never the only signal: the badge always carries its word.
import type { ReactNode } from "react";
import { CASE_STATE_LABELS, type CaseState } from "~/domain/case-lifecycle";
import { ESCALATION_REQUEST_STATUS_LABELS, type EscalationRequestStatus } from "~/domain/escalation-request";
import { SHORTFALL_STATUS_LABELS, URGENCY_LABELS, type ShortfallStatus, type Urgency } from "~/domain/vocabulary";

export type BadgeTone = "neutral" | "info" | "ok" | "warn" | "error";

export function Badge({ tone = "neutral", children }: { tone?: BadgeTone; children: ReactNode }) {
  return <span className={tone === "neutral" ? "badge" : `badge badge--${tone}`}>{children}</span>;
}

const STATUS_TONES: Partial<Record<string, BadgeTone>> = {
  received: "info",
  screening: "info",
  included: "neutral",
  not_included: "neutral",
  advisor_check: "warn",
  placed: "ok",
  follow_up: "ok",
  closed: "neutral",
};

/** A case's status. Statuses added later show their label (pass it) in the neutral colour. */
export function StatusBadge({ status, label }: { status: string; label?: string }) {
  const text = label ?? CASE_STATE_LABELS[status as CaseState] ?? status;
  return <Badge tone={STATUS_TONES[status] ?? "neutral"}>{text}</Badge>;
}

const URGENCY_TONES: Record<Urgency, BadgeTone> = { crisis: "error", high: "warn", regular: "neutral" };

/** "Urgentie: Crisis": the word says what the colour means. */
export function UrgencyBadge({ urgency, short = false }: { urgency: Urgency; short?: boolean }) {
  return (
    <Badge tone={URGENCY_TONES[urgency]}>
      {short ? <span className="visually-hidden">Urgentie: </span> : "Urgentie: "}
      {URGENCY_LABELS[urgency]}
    </Badge>
  );
}

const SHORTFALL_TONES: Record<ShortfallStatus, BadgeTone> = { open: "warn", reported: "info", resolved: "ok" };

/** A capacity shortfall's status (open, reported to the insurers, resolved). */
export function ShortfallStatusBadge({ status }: { status: ShortfallStatus }) {
  return <Badge tone={SHORTFALL_TONES[status]}>{SHORTFALL_STATUS_LABELS[status]}</Badge>;
}

const ESCALATION_TONES: Record<EscalationRequestStatus, BadgeTone> = { open: "warn", in_progress: "info", answered: "ok", closed: "neutral" };

/** A level-4 escalation request's status at the project leader. */
export function EscalationStatusBadge({ status }: { status: EscalationRequestStatus }) {
  return <Badge tone={ESCALATION_TONES[status]}>{ESCALATION_REQUEST_STATUS_LABELS[status]}</Badge>;
}
