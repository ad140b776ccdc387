// The insurer's medical advisor's verdict per inclusion criterion, as an approval is tied to it.
import { INCLUSION_CRITERIA, VERDICT_LABELS, type Verdict } from "~/domain/vocabulary";
import type { AdvisorAssessment } from "./types";

const VERDICT_BADGE: Record<Verdict, string> = { met: "badge badge--ok", not_met: "badge badge--error", unknown: "badge badge--warn" };

export function Verdicts({ assessment }: { assessment: AdvisorAssessment }) {
  return (
    <>
      <p className="muted">Beoordeling door {assessment.assessorName}, {assessment.at}</p>
      <table className="data">
        <caption className="visually-hidden">Oordeel van de medisch adviseur per inclusiecriterium</caption>
        <thead>
          <tr><th scope="col">Criterium</th><th scope="col">Oordeel</th><th scope="col">Motivering</th></tr>
        </thead>
        <tbody>
          {INCLUSION_CRITERIA.map((criterion) => {
            const v = assessment.verdicts.find((x) => x.criterion === criterion.number);
            return (
              <tr key={criterion.number}>
                <th scope="row">{criterion.number}. {criterion.label}</th>
                <td>{v ? <span className={VERDICT_BADGE[v.verdict]}>{VERDICT_LABELS[v.verdict]}</span> : <span className="muted">Niet beoordeeld</span>}</td>
                <td>{v?.motivation ?? ""}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}
