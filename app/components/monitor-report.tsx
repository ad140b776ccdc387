// The blocks of the monitor, shared by the national monitor (/monitor) and a chair's report for
// their own table (/tafels/<slug>/rapportage). It receives only the suppressed report from the
// query layer (app/models/monitor.server.ts): numbers, "onderdrukt" and nothing about a single case.
import { Link } from "@remix-run/react";
import { formatDate } from "~/domain/format";
import { SHORTFALL_KIND_LABELS, SHORTFALL_KINDS } from "~/domain/vocabulary";
import type { CapacityComparison, CapacityTable, MonitorReport } from "~/models/monitor.server";
import { BarChart } from "./charts/bar-chart";
import { label } from "./charts/chart-values";
import { GroupedBarChart } from "./charts/grouped-bar-chart";
import { LeadTimeChart } from "./charts/lead-time-chart";
import { MatrixChart } from "./charts/matrix-chart";

const KIND_SHORT: Record<(typeof SHORTFALL_KINDS)[number], string> = {
  absent: "Bestaat niet",
  insufficient_capacity: "Te weinig",
  blocked_outflow: "Uitstroom stokt",
};

/** The one explanation of the markers, above the figures. */
export function SuppressionNote() {
  return (
    <div className="hint suppression-note" id="uitleg-onderdrukt">
      <p>
        <strong>onderdrukt</strong>: dit aantal wordt niet getoond. Aantallen van 1 tot en met 4 zouden naar een persoon kunnen
        wijzen; daarom zijn ook enkele andere aantallen afgeschermd, zodat geen klein aantal terug te rekenen is uit totalen,
        andere regio's, andere perioden of andere indelingen. Een onderdrukt aantal kan dus ook 0 of 5 of meer zijn.
      </p>
      <p>
        <strong>te weinig casussen</strong>: een mediaan en 90e percentiel staan er alleen bij minstens 5 casussen, en alleen als de
        aantallen waar die casussen bij horen (bijvoorbeeld geïncludeerd en niet geïncludeerd) getoond worden. Doorlooptijden tellen in de periode en regio van de laatste stap. De mediaan is de middelste waarde
        (bij een even aantal het gemiddelde van de twee middelste); het 90e percentiel is de waarde waar 90% van de casussen op of
        onder zit (een echt voorgekomen doorlooptijd).
      </p>
    </div>
  );
}

export function CapacityMatrix({ table, headingLevel = 3 }: { table: CapacityTable; headingLevel?: 2 | 3 }) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <section className="card" aria-labelledby={`tekorten-${table.slug}`}>
      <Heading id={`tekorten-${table.slug}`}>Tafel {table.name}</Heading>
      <ul className="stats">
        <li><strong>{label(table.total)}</strong> tekorten</li>
        <li><strong>{label(table.peopleWaiting)}</strong> mensen opgenomen zonder medische noodzaak (wachtend op Wmo-plek)</li>
      </ul>
      <MatrixChart
        title={`Capaciteitstekorten tafel ${table.name}: functie × soort tekort`}
        rowHeading="Ontbrekende functie"
        columns={SHORTFALL_KINDS.map((k) => ({ key: k, label: SHORTFALL_KIND_LABELS[k], short: KIND_SHORT[k] }))}
        rows={table.rows.map((r) => ({ key: r.careFunction, label: r.label, values: r.counts.map((c) => c.count) }))}
      />
    </section>
  );
}

/** The seven regions side by side: shortfalls per missing function (all kinds together) in one matrix. */
export function CapacitySideBySide({ comparison }: { comparison: CapacityComparison }) {
  return (
    <section className="card" aria-labelledby="naast-elkaar">
      <h2 id="naast-elkaar">Alle tafels naast elkaar</h2>
      <MatrixChart
        title="Capaciteitstekorten per ontbrekende functie en tafel"
        rowHeading="Ontbrekende functie"
        columns={comparison.regions.map((r) => ({ key: r.slug, label: `Tafel ${r.number}: ${r.name}`, short: `Tafel ${r.number}` }))}
        rows={[...comparison.rows.map((r) => ({ key: r.careFunction, label: r.label, values: r.values })), { key: "totaal", label: "Totaal", values: comparison.totals }]}
      />
      <p className="hint">{comparison.regions.map((r) => `Tafel ${r.number}: ${r.name}`).join(" · ")}</p>
    </section>
  );
}

export function MonitorReportView({ report, capacityLink }: { report: MonitorReport; capacityLink?: string }) {
  const regionName = report.region ? `tafel ${report.region.name}` : "alle regio's";
  return (
    <>
      <section className="card monitor-block" aria-labelledby="verwezen-advies">
        <h2 id="verwezen-advies">Verwezen → passend advies</h2>
        <ul className="stats">
          <li><strong id="totaal-verwezen">{label(report.referredVsIncluded.received)}</strong> verwezen</li>
          <li><strong id="totaal-passend-advies">{label(report.referredVsIncluded.included)}</strong> passend advies (geïncludeerd)</li>
        </ul>
        <GroupedBarChart
          title={`Verwezen en passend advies per regio, ${report.period.label}`}
          series={[{ key: "received", label: "Verwezen" }, { key: "included", label: "Passend advies" }]}
          data={report.perRegion.map((r) => ({ key: r.slug, label: r.name, values: [r.received, r.included] }))}
        />
      </section>

      <section className="card monitor-block" aria-labelledby="instroom">
        <h2 id="instroom">Instroom en uitkomst</h2>
        <BarChart title={`Instroom en uitkomst, ${regionName}`} data={report.flow.map((r) => ({ key: r.key, label: r.label, value: r.count }))} />
      </section>

      <section className="card monitor-block" aria-labelledby="bron">
        <h2 id="bron">Verwijzingen naar bron</h2>
        <BarChart title={`Verwijzingen naar bron, ${regionName}`} categoryHeading="Bron" data={report.receivedBySource.map((r) => ({ key: r.key, label: r.label, value: r.count }))} />
      </section>

      <section className="card monitor-block" aria-labelledby="criteria">
        <h2 id="criteria">Niet geïncludeerd: eerste criterium dat niet voldaan was</h2>
        <p className="hint">Volgens de laatste screening van de voorzitter. Elke casus telt één keer, bij het laagste nummer dat bij de screening niet voldaan was; zo telt de verdeling op tot het aantal niet geïncludeerd en is geen klein aantal eruit terug te rekenen.</p>
        <BarChart title={`Niet geïncludeerd naar eerste niet voldane criterium, ${regionName}`} categoryHeading="Inclusiecriterium" data={report.notIncludedByCriterion.map((r) => ({ key: r.key, label: r.label, value: r.count }))} />
      </section>

      <section className="card monitor-block" aria-labelledby="doorlooptijden">
        <h2 id="doorlooptijden">Doorlooptijden</h2>
        <LeadTimeChart title={`Doorlooptijden in dagen, ${regionName}`} data={report.leadTimes} />
      </section>

      <section className="card monitor-block" aria-labelledby="open">
        <h2 id="open">Open casussen naar leeftijd</h2>
        <p className="hint">Stand op {formatDate(report.snapshotDate)}; leeftijd gerekend vanaf ontvangst. Totaal open: {label(report.openTotal)}.</p>
        <BarChart title={`Open casussen naar leeftijd op ${formatDate(report.snapshotDate)}, ${regionName}`} categoryHeading="Leeftijd" data={report.openByAge.map((r) => ({ key: r.key, label: r.label, value: r.count }))} />
      </section>

      <section className="card monitor-block" aria-labelledby="opschaling">
        <h2 id="opschaling">Opschalingen</h2>
        <BarChart title={`Opschalingen naar niveau, ${regionName}`} categoryHeading="Niveau" data={report.escalations.map((r) => ({ key: r.key, label: r.label, value: r.count }))} />
      </section>

      <section className="card monitor-block" aria-labelledby="advies-op-tijd">
        <h2 id="advies-op-tijd">Advies terug naar de verwijzer</h2>
        <p className="hint">Na de bespreking gaat het advies van de tafel uiterlijk aan het einde van de volgende werkdag terug naar de verwijzer. Adviezen waarvan die termijn nog loopt, tellen niet mee.</p>
        <ul className="stats">
          <li><strong id="advies-op-tijd-procent">{report.adviceOnTime.percent === null ? "geen adviezen" : typeof report.adviceOnTime.percent === "number" ? `${label(report.adviceOnTime.percent)}%` : label(report.adviceOnTime.percent)}</strong> advies op tijd</li>
          <li><strong>{label(report.adviceOnTime.onTime)}</strong> op tijd van <strong>{label(report.adviceOnTime.counted)}</strong> adviezen</li>
        </ul>
      </section>

      <section className="card monitor-block" aria-labelledby="arrangementen">
        <h2 id="arrangementen">Maatwerk-arrangementen</h2>
        <ul className="stats">
          <li><strong id="arrangementen-goedgekeurd">{label(report.arrangements.approved)}</strong> goedgekeurd door de medisch adviseur</li>
        </ul>
        <BarChart title={`Goedgekeurde maatwerk-arrangementen naar wettelijk domein, ${regionName}`} categoryHeading="Wettelijk domein" data={report.arrangements.byLegalDomain.map((r) => ({ key: r.key, label: r.label, value: r.count }))} />
        <BarChart title={`Goedgekeurde maatwerk-arrangementen naar financier, ${regionName}`} categoryHeading="Financier" data={report.arrangements.byFinancier.map((r) => ({ key: r.key, label: r.label, value: r.count }))} />
      </section>

      <section className="card monitor-block" aria-labelledby="tekorten">
        <h2 id="tekorten">Capaciteitstekorten</h2>
        {report.capacity.length === 1 ? (
          <CapacityMatrix table={report.capacity[0]} />
        ) : (
          <BarChart title={`Capaciteitstekorten per regio, ${report.period.label}`} categoryHeading="Regio" data={report.capacity.map((t) => ({ key: t.slug, label: t.name, value: t.total }))} />
        )}
        {capacityLink ? <p className="no-print"><Link to={capacityLink}>Tekorten per functie en soort, alle tafels naast elkaar</Link></p> : null}
      </section>

      <section className="card monitor-block" aria-labelledby="lessen">
        <h2 id="lessen">Geleerde lessen</h2>
        {report.lessons.length ? (
          <ul className="plain lessons">
            {report.lessons.map((l, i) => (
              <li key={i}>
                <span className="badge">{l.bottleneck}</span> <span className="muted">Tafel {l.table} · {l.month}</span>
                <blockquote>{l.text}</blockquote>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">Er zijn in deze periode geen lessen gedeeld.</p>
        )}
      </section>
    </>
  );
}
