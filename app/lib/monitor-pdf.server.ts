// The monitor report as a PDF a project leader can send on: a title page with the report's title,
// period, region and date, the explanation of the markers, then compact tables (two columns of
// tables where they fit), page numbers in the footer. It reads only the suppressed report, so it
// says exactly what the page, the charts and the CSV say.
import { displayValue } from "~/domain/monitor";
import { formatDate, formatDateRange } from "~/domain/format";
import { SHORTFALL_KIND_LABELS, SHORTFALL_KINDS } from "~/domain/vocabulary";
import type { CountRow, MonitorReport } from "~/models/monitor.server";
import { pdfDefinition, renderPdf, type PdfContent } from "./pdf.server";

type Cell = string | { text: string; style?: string; alignment?: "right" | "left" };

function table(title: string, header: string[], rows: Cell[][], widths?: (string | number)[]): PdfContent {
  return {
    unbreakable: rows.length < 14,
    stack: [
      { text: title, style: "h2" },
      {
        table: {
          headerRows: 1,
          widths: widths ?? ["*", ...header.slice(1).map(() => "auto")],
          body: [header.map((h, i) => ({ text: h, style: "tableHeader", alignment: i ? "right" : "left" })), ...rows],
        },
        layout: "lightHorizontalLines",
        fontSize: 9,
        margin: [0, 0, 0, 8],
      },
    ],
  } as PdfContent;
}

const num = (value: Parameters<typeof displayValue>[0]): Cell => ({ text: displayValue(value), alignment: "right" });
const countTable = (title: string, heading: string, rows: CountRow[]) => table(title, [heading, "Aantal"], rows.map((r) => [r.label, num(r.count)]));

/** The report's content, section by section. */
function content(report: MonitorReport, title: string, madeOn: string): PdfContent[] {
  const region = report.region ? `Tafel ${report.region.name}` : "Alle regio's";
  const titlePage: PdfContent = {
    stack: [
      { text: title, style: "title", margin: [0, 160, 0, 12] },
      { text: report.period.label, style: "subtitle", fontSize: 18 },
      { text: formatDateRange(report.period.from, report.period.to), style: "subtitle" },
      { text: region, style: "subtitle" },
      { text: `Gemaakt op ${madeOn}`, style: "subtitle", margin: [0, 24, 0, 0] },
      {
        text: [
          { text: "onderdrukt", bold: true },
          ": dit aantal wordt niet getoond. Aantallen van 1 tot en met 4 zouden naar een persoon kunnen wijzen; daarom zijn ook enkele andere aantallen afgeschermd, zodat geen klein aantal terug te rekenen is uit totalen, andere regio's, perioden of indelingen. Een onderdrukt aantal kan dus ook 0 of 5 of meer zijn. ",
          { text: "te weinig casussen", bold: true },
          ": een mediaan en 90e percentiel staan er alleen als het aantal casussen erachter getoond wordt en minstens 5 is.",
        ],
        fontSize: 9,
        margin: [0, 200, 0, 0],
      },
    ],
    pageBreak: "after",
  };
  const byRegion = table(
    "Verwezen → passend advies per regio",
    ["Regio", "Verwezen", "Passend advies"],
    report.perRegion.map((r) => [r.name, num(r.received), num(r.included)]),
  );
  const leadTimes = table(
    "Doorlooptijden (dagen)",
    ["Stap", "Mediaan", "90e perc."],
    report.leadTimes.map((r) => [r.label, num(r.median), num(r.p90)]),
  );
  const capacity =
    report.capacity.length === 1
      ? table(
          `Capaciteitstekorten tafel ${report.capacity[0].name}`,
          ["Ontbrekende functie", ...SHORTFALL_KINDS.map((k) => SHORTFALL_KIND_LABELS[k])],
          report.capacity[0].rows.map((r) => [r.label, ...r.counts.map((c) => num(c.count))]),
        )
      : table("Capaciteitstekorten per regio", ["Regio", "Tekorten", "Wachtend op Wmo-plek"], report.capacity.map((t) => [t.name, num(t.total), num(t.peopleWaiting)]));
  const pair = (a: PdfContent, b: PdfContent): PdfContent => ({ columns: [a, b], columnGap: 16 }) as PdfContent;
  return [
    titlePage,
    { text: `Kerncijfers · ${report.period.label} · ${region}`, style: "h1", margin: [0, 0, 0, 6] },
    {
      text: [
        { text: displayValue(report.referredVsIncluded.received), bold: true },
        " verwezen, ",
        { text: displayValue(report.referredVsIncluded.included), bold: true },
        " passend advies (geïncludeerd). Open casussen op ",
        formatDate(report.snapshotDate),
        ": ",
        { text: displayValue(report.openTotal), bold: true },
        ".",
      ],
      margin: [0, 0, 0, 8],
    },
    pair(countTable("Instroom en uitkomst", "Onderdeel", report.flow), countTable("Verwijzingen naar bron", "Bron", report.receivedBySource)),
    report.perRegion.length > 1 ? byRegion : { text: "" },
    countTable("Niet geïncludeerd: eerste criterium dat niet voldaan was", "Inclusiecriterium", report.notIncludedByCriterion),
    leadTimes,
    pair(countTable("Open casussen naar leeftijd", "Leeftijd", report.openByAge), countTable("Opschalingen", "Niveau", report.escalations)),
    pair(
      countTable("Maatwerk-arrangementen naar wettelijk domein", "Domein", [{ key: "approved", label: "Goedgekeurd (totaal)", count: report.arrangements.approved }, ...report.arrangements.byLegalDomain]),
      countTable("Maatwerk-arrangementen naar financier", "Financier", report.arrangements.byFinancier),
    ),
    table("Advies terug naar de verwijzer (uiterlijk einde volgende werkdag)", ["", "Aantal"], [
      ["Adviezen die meetellen", num(report.adviceOnTime.counted)],
      ["Op tijd", num(report.adviceOnTime.onTime)],
      ["Advies op tijd (%)", num(report.adviceOnTime.percent)],
    ]),
    capacity,
    ...(report.lessons.length
      ? [{ text: "Geleerde lessen", style: "h2" }, { ul: report.lessons.map((l) => ({ text: [{ text: `${l.bottleneck} · tafel ${l.table} · ${l.month}: `, bold: true }, l.text] })), fontSize: 9 } as PdfContent]
      : []),
  ];
}

/** The PDF of a monitor report (national or one table's). */
export async function monitorPdf(report: MonitorReport, options: { title: string; now?: Date }): Promise<Buffer> {
  const madeOn = formatDate((options.now ?? new Date()).toISOString());
  return renderPdf(
    pdfDefinition({
      title: `${options.title} – ${report.period.label}`,
      content: content(report, options.title, madeOn),
      footerText: `${options.title} · ${report.period.label} · ${report.region ? `tafel ${report.region.name}` : "alle regio's"}`,
    }),
  );
}
