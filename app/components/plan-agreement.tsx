// The plan's "Vaststelling" section: agreed or not (and at which meeting), agreeing it, and after
// that its versions — what changed since the last one is fixed as a new version with a reason.
import { Form, Link } from "@remix-run/react";
import { Field, FormError } from "~/components/form";
import type { FormFailure } from "~/lib/forms";

type Props = {
  caseId: number;
  agreedAt: string | null;
  meeting: { id: number; title: string; startsAt: string } | null;
  editProblem: string | null;
  agree: { ok: true } | { ok: false; problems: string[] } | null;
  versions: { version: number; lastAt: string | null; lastBy: string | null; changed: boolean };
  isChair: boolean;
  busy: boolean;
  versionFailed?: FormFailure;
};

export function PlanAgreement(props: Props) {
  const { versions } = props;
  return (
    <section className="card" aria-labelledby="vaststelling">
      <h2 id="vaststelling">Vaststelling</h2>
      {props.agreedAt ? (
        <p>
          <span className="badge badge--ok">Vastgesteld</span> op {props.agreedAt}
          {props.meeting ? <> in de bijeenkomst <Link to={`/bijeenkomsten/${props.meeting.id}`}>{props.meeting.title}</Link> ({props.meeting.startsAt})</> : null}.
        </p>
      ) : (
        <p><span className="badge badge--warn">Nog niet vastgesteld</span></p>
      )}
      {versions.version > 0 ? (
        <p>
          Geldende versie: <strong>versie {versions.version}</strong>, vastgelegd op {versions.lastAt}
          {versions.lastBy ? ` door ${versions.lastBy}` : ""}. <Link to={`/casussen/${props.caseId}/plan/versies`}>Alle versies bekijken</Link>
        </p>
      ) : null}
      {props.editProblem ? <p className="alert alert--warn">{props.editProblem}</p> : null}
      {props.agree ? (
        <>
          {!props.agree.ok ? (
            <div className="alert alert--warn">
              <p>Het plan kan nog niet worden vastgesteld:</p>
              <ul>{props.agree.problems.map((p) => <li key={p}>{p}</li>)}</ul>
            </div>
          ) : (
            <p>De casus is besproken. Stel het plan vast als de tafel het eens is over de doelen en acties.</p>
          )}
          <Form method="post">
            <input type="hidden" name="intent" value="agree" />
            <button type="submit" className="button" disabled={props.busy}>Plan vaststellen</button>
          </Form>
        </>
      ) : null}
      {versions.changed ? (
        <div className="alert alert--warn">
          <p>Het plan is gewijzigd sinds versie {versions.version}. De wijzigingen gelden pas als ze als nieuwe versie zijn vastgelegd.</p>
          {props.isChair ? (
            <Form method="post" noValidate aria-label="Nieuwe versie vastleggen">
              <input type="hidden" name="intent" value="new_version" />
              <FormError failure={props.versionFailed} />
              <Field name="versionReason" label="Reden van de wijziging" type="textarea" rows={2} required errors={props.versionFailed?.fieldErrors} values={props.versionFailed?.values} />
              <button type="submit" className="button" disabled={props.busy}>Nieuwe versie vastleggen</button>
            </Form>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
