// A given advice of the table, as the chair, the advisor and the referrer read it, with its letter.
type GivenAdvice = {
  id: number;
  meetingTitle: string;
  discussedLabel: string;
  recordedLabel: string | null;
  recordedBy: string | null;
  stateLabel: string;
  state: string;
  questionAnswer: string | null;
  fittingOffer: string | null;
  planSummary: string | null;
  nextSteps: string | null;
};

const PARTS: [keyof Pick<GivenAdvice, "questionAnswer" | "fittingOffer" | "planSummary" | "nextSteps">, string][] = [
  ["questionAnswer", "Antwoord op de vraag"],
  ["fittingOffer", "Passend aanbod"],
  ["planSummary", "Samenvatting van het plan"],
  ["nextSteps", "Vervolgstappen"],
];

export function AdviceCard({ advice, pdfHref }: { advice: GivenAdvice; pdfHref: string }) {
  return (
    <section className="card" aria-labelledby={`advies-${advice.id}`}>
      <h2 id={`advies-${advice.id}`}>Advies na {advice.meetingTitle}</h2>
      <p>
        Besproken op {advice.discussedLabel}; advies gegeven op {advice.recordedLabel}
        {advice.recordedBy ? ` door ${advice.recordedBy}` : ""}{" "}
        <span className={advice.state === "given_on_time" ? "badge badge--ok" : "badge badge--warn"}>{advice.stateLabel}</span>
      </p>
      <dl className="facts">
        {PARTS.filter(([field]) => advice[field]).map(([field, label]) => (
          <div key={field}>
            <dt>{label}</dt>
            <dd className="pre-wrap">{advice[field]}</dd>
          </div>
        ))}
      </dl>
      <p><a href={pdfHref} download>Adviesbrief downloaden (PDF)</a></p>
    </section>
  );
}
