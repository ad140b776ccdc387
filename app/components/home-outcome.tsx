// Home-page sections for the outcome's loops: the chair's advices still to give (MDT deadline:
// end of the next working day) and the actions overdue that this person or their organisation
// owns. Case codes only: the home page shows no patient identity.
import { Link } from "@remix-run/react";

type AdviceDue = { caseId: number; code: string; dueLabel: string; state: "due" | "overdue" };
type OwnAction = { caseId: number; code: string; description: string; dueLabel: string; owner: string };

export function AdvicesDue({ items }: { items: AdviceDue[] }) {
  if (!items.length) return null;
  return (
    <section className="card" aria-labelledby="adviezen">
      <h2 id="adviezen">Advies aan de verwijzer te geven</h2>
      <table className="data">
        <thead>
          <tr><th scope="col">Casus</th><th scope="col">Uiterlijk</th><th scope="col">Stand</th></tr>
        </thead>
        <tbody>
          {items.map((a) => (
            <tr key={`${a.caseId}-${a.dueLabel}`}>
              <td><Link to={`/casussen/${a.caseId}/advies`}>{a.code}</Link></td>
              <td>{a.dueLabel}</td>
              <td><span className={a.state === "overdue" ? "badge badge--error" : "badge badge--warn"}>{a.state === "overdue" ? "Te laat" : "Nog te geven"}</span></td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function OwnOverdueActions({ items }: { items: OwnAction[] }) {
  if (!items.length) return null;
  return (
    <section className="card" aria-labelledby="mijn-acties">
      <h2 id="mijn-acties">Uw acties over de datum</h2>
      <table className="data">
        <thead>
          <tr><th scope="col">Casus</th><th scope="col">Actie</th><th scope="col">Eigenaar</th><th scope="col">Uiterste datum</th></tr>
        </thead>
        <tbody>
          {items.map((a, i) => (
            <tr key={`${a.caseId}-${i}`}>
              <td><Link to={`/casussen/${a.caseId}/plan`}>{a.code}</Link></td>
              <td>{a.description}</td>
              <td>{a.owner}</td>
              <td><span className="badge badge--error">{a.dueLabel}</span></td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
