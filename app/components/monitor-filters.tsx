// The period (and region) filter of the monitor and the chair's report: a plain GET form, so it
// works without JavaScript and every view has a URL (for the CSV, the PDF and printing). Only whole
// months, quarters and years can be chosen (see app/domain/monitor.ts for why).
import { Form } from "@remix-run/react";
import type { MonitorFilterInput, periodChoices } from "~/domain/monitor";

type Choice = { value: string; label: string };
type Props = {
  values: MonitorFilterInput;
  choices: ReturnType<typeof periodChoices>;
  /** Regions to choose from; leave out when the region is fixed (a chair's own table). */
  regions?: readonly { slug: string; name: string }[];
  action: string;
};

function Select({ id, name, label, value, options }: { id: string; name: string; label: string; value: string; options: readonly Choice[] }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} defaultValue={value}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>{o.label}</option>
        ))}
      </select>
    </div>
  );
}

export function MonitorFilters({ values, choices, regions, action }: Props) {
  return (
    <Form method="get" action={action} className="card no-print" aria-labelledby="filters-kop">
      <h2 id="filters-kop">Filters</h2>
      <fieldset>
        <legend>Periode</legend>
        <p className="hint">Alleen hele maanden, kwartalen en jaren: zo zijn kleine aantallen niet terug te rekenen uit het verschil tussen twee perioden.</p>
        <div className="filters">
          <Select id="veld-periode" name="periode" label="Soort periode" value={values.periode} options={[{ value: "maand", label: "Maand" }, { value: "kwartaal", label: "Kwartaal" }, { value: "jaar", label: "Jaar" }]} />
          <Select id="veld-maand" name="maand" label="Maand" value={values.maand} options={choices.months} />
          <Select id="veld-kwartaal" name="kwartaal" label="Kwartaal" value={values.kwartaal} options={choices.quarters} />
          <Select id="veld-jaar" name="jaar" label="Jaar" value={values.jaar} options={choices.years} />
        </div>
      </fieldset>
      <div className="filters">
        {regions ? (
          <Select id="veld-regio" name="regio" label="Regio" value={values.regio} options={[{ value: "alle", label: "Alle regio's" }, ...regions.map((r) => ({ value: r.slug, label: r.name }))]} />
        ) : null}
        <div className="field">
          <button type="submit" className="button">Tonen</button>
        </div>
      </div>
    </Form>
  );
}

/** Printing and the PDF report: the filters and menus are left off the printout (.no-print, @media print). */
export function PrintHint({ pdfHref }: { pdfHref: string }) {
  return (
    <p className="hint no-print">
      <a className="button button--secondary button--small" href={pdfHref} download>Rapport als pdf</a>{" "}
      (titelpagina, paginanummers; om door te sturen) of{" "}
      <button type="button" className="button button--secondary button--small" onClick={() => window.print()}>Afdrukken</button>. De filters en het menu worden niet afgedrukt.
    </p>
  );
}
