import { ROLE_LABELS, type Role } from "~/domain/vocabulary";

type TableInfo = {
  id: number;
  number: number;
  name: string;
  ownArea: string;
  leadOrganisation: string;
  insurers: string[];
  provinces: string[];
  municipalities: string[];
};

type Member = { role: Role; name: string; organisation: string; email: string; active: boolean };

export function TableCard({ table, heading, members }: { table: TableInfo; heading: string; members: Member[] }) {
  return (
    <section className="card" aria-label={heading}>
      <h2>{heading}</h2>
      <dl className="facts">
        <dt>Regio</dt><dd>{table.number}. {table.name}{table.ownArea !== table.name ? ` (${table.ownArea})` : ""}</dd>
        <dt>Penvoerder</dt><dd>{table.leadOrganisation}</dd>
        <dt>Zorgverzekeraar(s)</dt><dd>{table.insurers.join(", ")}</dd>
        <dt>Ontvangt uit</dt>
        <dd>
          {table.provinces.join(", ")}
          {table.municipalities.length ? ` en ${table.municipalities.length} gemeenten van Rotterdam-Rijnmond` : ""}
          {table.provinces.includes("Zuid-Holland") && !table.municipalities.length ? " (zonder Rotterdam-Rijnmond)" : ""}
        </dd>
      </dl>
      <h3>Aan tafel</h3>
      <ul className="plain">
        {members.filter((m) => m.active).map((m) => (
          <li key={`${m.email}-${m.role}`}>{m.name} <span className="muted">– {ROLE_LABELS[m.role]}, {m.organisation}</span></li>
        ))}
      </ul>
    </section>
  );
}

export function RoutingOverview({ tables }: { tables: TableInfo[] }) {
  return (
    <table className="data">
      <caption className="visually-hidden">Regiotafels en de provincies die zij bedienen</caption>
      <thead>
        <tr><th scope="col">Nr.</th><th scope="col">Regiotafel</th><th scope="col">Penvoerder</th><th scope="col">Provincies</th><th scope="col">Zorgverzekeraar</th></tr>
      </thead>
      <tbody>
        {tables.map((t) => (
          <tr key={t.id}>
            <td>{t.number}</td>
            <td>{t.name}</td>
            <td>{t.leadOrganisation}</td>
            <td>{t.provinces.join(", ")}{t.municipalities.length ? ` + Rotterdam-Rijnmond (${t.municipalities.length} gemeenten)` : ""}{t.number === 1 ? " (excl. Rotterdam-Rijnmond)" : ""}</td>
            <td>{t.insurers.join(", ")}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
