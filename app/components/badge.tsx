// One badge for statuses and urgencies: the same words and colours on every list and page.
// Colour is never the only signal: the badge always carries its word.
import type { ReactNode } from "react";
import { CASE_STATE_LABELS, type CaseState } from "~/domain/case-lifecycle";
import { URGENCY_LABELS, type Urgency } from "~/domain/vocabulary";

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
