// The search, filter and sort form above every case list (inbox, referrals, advisor list).
// A plain GET form: it works without JavaScript, and the address can be bookmarked or shared.
import { Form, Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { CASE_LIST_PARAMS, CASE_SORTS, STATUS_OPTIONS } from "~/domain/case-list-query";
import { URGENCIES, URGENCY_LABELS } from "~/domain/vocabulary";

export type CaseListFilterValues = { search: string; status: string; urgency: string; table: string; from: string; to: string; sort: string };

type Props = {
  /** The list's path, for "Filters wissen". */
  path: string;
  values: CaseListFilterValues;
  filtered: boolean;
  problems: string[];
  /** Only on lists that span tables. */
  tables?: { slug: string; label: string }[];
  searchLabel: string;
};

function Field({ id, label, children }: { id: string; label: string; children: ReactNode }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children}
    </div>
  );
}

export function CaseListFilters({ path, values, filtered, problems, tables, searchLabel }: Props) {
  const p = CASE_LIST_PARAMS;
  return (
    <Form method="get" action={path} role="search" aria-label="Casussen zoeken en filteren" className="card">
      {problems.length ? (
        <div className="alert alert--warn" role="status">
          <ul>{problems.map((m) => <li key={m}>{m}</li>)}</ul>
        </div>
      ) : null}
      <div className="filters">
        <Field id="zoek" label={searchLabel}>
          <input id="zoek" name={p.search} type="search" defaultValue={values.search} autoComplete="off" maxLength={100} />
        </Field>
        <Field id="status" label="Status">
          <select id="status" name={p.status} defaultValue={values.status}>
            {STATUS_OPTIONS.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
          </select>
        </Field>
        <Field id="urgentie" label="Urgentie">
          <select id="urgentie" name={p.urgency} defaultValue={values.urgency}>
            <option value="">Alle</option>
            {[...URGENCIES].reverse().map((u) => <option key={u} value={u}>{URGENCY_LABELS[u]}</option>)}
          </select>
        </Field>
        {tables ? (
          <Field id="tafel" label="Regiotafel">
            <select id="tafel" name={p.table} defaultValue={values.table}>
              <option value="">Alle</option>
              {tables.map((t) => <option key={t.slug} value={t.slug}>{t.label}</option>)}
            </select>
          </Field>
        ) : null}
        <Field id="van" label="Ontvangen vanaf">
          <input id="van" name={p.from} type="date" defaultValue={values.from} />
        </Field>
        <Field id="tot" label="Ontvangen tot en met">
          <input id="tot" name={p.to} type="date" defaultValue={values.to} />
        </Field>
        <Field id="sorteer" label="Sorteren">
          <select id="sorteer" name={p.sort} defaultValue={values.sort}>
            {Object.entries(CASE_SORTS).map(([value, label]) => <option key={value} value={value}>{label}</option>)}
          </select>
        </Field>
      </div>
      <div className="actions">
        <button type="submit" className="button button--secondary">Zoeken</button>
        {filtered ? <Link to={path}>Filters wissen</Link> : null}
      </div>
    </Form>
  );
}
