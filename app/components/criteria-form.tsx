// The seven inclusion criteria: the form in which the chair screens them (or the advisor assesses
// them), and the table that shows both assessments side by side. The form uses the one form
// pattern: the summary at the top links to each verdict and motivation, typed text is kept.
import { Form } from "@remix-run/react";
import { TableScroll } from "~/components/table-scroll";
import { ChoiceField, Field, FormError } from "~/components/form";
import { formatAmsterdam } from "~/domain/amsterdam-time";
import { INCLUSION_CRITERIA, VERDICT_LABELS, VERDICTS, type Verdict } from "~/domain/vocabulary";
import type { FormFailure } from "~/lib/forms";
import { motivationField, verdictField, type CaseIntent } from "~/lib/screening-forms";

export type Assessment = {
  assessorName: string | null;
  at: string;
  verdicts: { criterion: number; verdict: Verdict; motivation: string }[];
} | null;

const VERDICT_OPTIONS = VERDICTS.map((v) => ({ value: v, label: VERDICT_LABELS[v] }));
const VERDICT_BADGE: Record<Verdict, string> = { met: "badge badge--ok", not_met: "badge badge--error", unknown: "badge badge--warn" };

export function CriteriaForm({ scope, intent, label, initial, failed, busy }: { scope: string; intent: CaseIntent; label: string; initial: Assessment; failed?: FormFailure; busy: boolean }) {
  // What was typed last (after a failed save), else the saved assessment.
  const saved: Record<string, string> = {};
  for (const v of initial?.verdicts ?? []) {
    saved[verdictField(v.criterion)] = v.verdict;
    saved[motivationField(v.criterion)] = v.motivation;
  }
  const values = failed?.values ?? saved;
  return (
    <Form method="post" noValidate aria-label={label}>
      <input type="hidden" name="intent" value={intent} />
      <FormError failure={failed} scope={scope} />
      {INCLUSION_CRITERIA.map((criterion) => {
        const n = criterion.number;
        const invalid = failed?.fieldErrors[verdictField(n)] || failed?.fieldErrors[motivationField(n)];
        return (
          <fieldset key={n} className={`field${invalid ? " field--error" : ""}`}>
            <legend>Criterium {n}: {criterion.label}</legend>
            <ChoiceField name={verdictField(n)} label={`Oordeel criterium ${n}`} options={VERDICT_OPTIONS} scope={scope} errors={failed?.fieldErrors} values={values} />
            <Field name={motivationField(n)} label="Motivering" type="textarea" rows={3} required scope={scope} errors={failed?.fieldErrors} values={values} />
          </fieldset>
        );
      })}
      <div className="actions">
        <button type="submit" className="button" disabled={busy}>{label}</button>
      </div>
    </Form>
  );
}

function VerdictCell({ assessment, criterion }: { assessment: Assessment; criterion: number }) {
  const v = assessment?.verdicts.find((x) => x.criterion === criterion);
  if (!v) return <td className="muted">Nog niet beoordeeld</td>;
  return (
    <td>
      <span className={VERDICT_BADGE[v.verdict]}>{VERDICT_LABELS[v.verdict]}</span>
      <p>{v.motivation}</p>
    </td>
  );
}

function AssessedBy({ assessment, who }: { assessment: Assessment; who: string }) {
  if (!assessment) return <p className="muted">{who}: nog geen beoordeling.</p>;
  return (
    <p className="muted">
      {who}: {assessment.assessorName}, {formatAmsterdam(assessment.at)}
    </p>
  );
}

/** The chair's screening and the advisor's assessment per criterion, side by side. */
export function CriteriaTable({ screening, advisor }: { screening: Assessment; advisor: Assessment }) {
  return (
    <>
      <AssessedBy assessment={screening} who="Screening door de voorzitter" />
      <AssessedBy assessment={advisor} who="Beoordeling door de medisch adviseur" />
      <TableScroll label="Oordeel per criterium">
        <table className="data">
          <caption className="visually-hidden">Oordeel per criterium: screening en medisch adviseur naast elkaar</caption>
          <thead>
            <tr><th scope="col">Criterium</th><th scope="col">Screening voorzitter</th><th scope="col">Medisch adviseur</th></tr>
          </thead>
          <tbody>
            {INCLUSION_CRITERIA.map((criterion) => (
              <tr key={criterion.number}>
                <th scope="row">{criterion.number}. {criterion.label}</th>
                <VerdictCell assessment={screening} criterion={criterion.number} />
                <VerdictCell assessment={advisor} criterion={criterion.number} />
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </>
  );
}
