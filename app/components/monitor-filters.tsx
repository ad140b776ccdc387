// The period (and region) filter of the monitor and the chair's report: a plain GET form, so it
// works without JavaScript and every view has a URL (for the CSV link and for printing).
import { Form } from "@remix-run/react";
import type { MonitorFilterInput } from "~/domain/monitor";

type Props = {
  values: MonitorFilterInput;
  /** Regions to choose from; leave out when the region is fixed (a chair's own table). */
  regions?: readonly { slug: string; name: string }[];
  action: string;
};

export function MonitorFilters({ values, regions, action }: Props) {
  return (
    <Form method="get" action={action} className="card no-print" aria-labelledby="filters-kop">
      <h2 id="filters-kop">Filters</h2>
      <fieldset>
        <legend>Periode</legend>
        <div className="filters">
          <div className="field">
            <label htmlFor="veld-periode">Soort periode</label>
            <select id="veld-periode" name="periode" defaultValue={values.periode}>
              <option value="kwartaal">Kwartaal</option>
              <option value="jaar">Jaar</option>
              <option value="eigen">Eigen periode</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor="veld-kwartaal">Kwartaal</label>
            <input id="veld-kwartaal" name="kwartaal" defaultValue={values.kwartaal} aria-describedby="veld-kwartaal-hint" maxLength={7} />
            <p className="hint" id="veld-kwartaal-hint">Bijvoorbeeld 2026-Q4</p>
          </div>
          <div className="field">
            <label htmlFor="veld-jaar">Jaar</label>
            <input id="veld-jaar" name="jaar" inputMode="numeric" defaultValue={values.jaar} maxLength={4} />
          </div>
          <div className="field">
            <label htmlFor="veld-van">Van (eigen periode)</label>
            <input id="veld-van" name="van" type="date" defaultValue={values.van} />
          </div>
          <div className="field">
            <label htmlFor="veld-tot">Tot en met (eigen periode)</label>
            <input id="veld-tot" name="tot" type="date" defaultValue={values.tot} />
          </div>
        </div>
      </fieldset>
      <div className="filters">
        {regions ? (
          <div className="field">
            <label htmlFor="veld-regio">Regio</label>
            <select id="veld-regio" name="regio" defaultValue={values.regio}>
              <option value="alle">Alle regio's</option>
              {regions.map((r) => (
                <option key={r.slug} value={r.slug}>{r.name}</option>
              ))}
            </select>
          </div>
        ) : null}
        <div className="field">
          <button type="submit" className="button">Tonen</button>
        </div>
      </div>
    </Form>
  );
}

/** "Afdrukken": the filters and menus are left off the printout (.no-print and @media print). */
export function PrintHint() {
  return (
    <p className="hint no-print">
      Afdrukken of bewaren als pdf: gebruik <kbd>Ctrl</kbd>+<kbd>P</kbd> (Mac: <kbd>⌘</kbd>+<kbd>P</kbd>) of{" "}
      <button type="button" className="button button--secondary button--small" onClick={() => window.print()}>Afdrukken</button>.
      De filters en het menu worden niet afgedrukt.
    </p>
  );
}
