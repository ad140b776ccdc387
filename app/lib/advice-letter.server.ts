// The table's advice as a PDF letter for the referrer (and the chair and the insurer's advisor):
// case code, table, date, the advice. The patient's name and date of birth only when the consent
// in force lets this reader see them; otherwise the letter names the case code alone.
import { formatDate, formatDateTime } from "~/domain/format";
import type { AdviceView } from "~/models/referrer-advice.server";
import { pdfDefinition, renderPdf, type PdfContent } from "./pdf.server";

export type AdviceLetterInput = {
  advice: AdviceView;
  code: string;
  tableName: string;
  tableNumber: number;
  patient: { name: string; dateOfBirth: string } | null;
};

const SECTIONS: [keyof Pick<AdviceView, "questionAnswer" | "fittingOffer" | "planSummary" | "nextSteps">, string][] = [
  ["questionAnswer", "Antwoord op uw vraag"],
  ["fittingOffer", "Passend aanbod"],
  ["planSummary", "Samenvatting van het behandel- en zorgplan"],
  ["nextSteps", "Vervolgstappen"],
];

export function adviceLetterContent(input: AdviceLetterInput): PdfContent {
  const { advice } = input;
  const facts: [string, string][] = [
    ["Casus", input.code],
    ["Regiotafel", `${input.tableNumber}. ${input.tableName}`],
    ["Besproken", formatDateTime(advice.discussedAt)],
    ["Advies gegeven", advice.recordedAt ? formatDate(advice.recordedAt) : "nog niet gegeven"],
  ];
  if (input.patient) facts.splice(1, 0, ["Patiënt", `${input.patient.name} (geboren ${formatDate(input.patient.dateOfBirth)})`]);
  return [
    { text: "Advies van de regiotafel", style: "title" },
    { text: `Casus ${input.code} · regiotafel ${input.tableName}`, style: "subtitle" },
    { table: { widths: [110, "*"], body: facts.map(([k, v]) => [{ text: k, bold: true }, v]) }, layout: "noBorders", margin: [0, 8, 0, 8] },
    ...SECTIONS.flatMap(([field, heading]) => (advice[field] ? [{ text: heading, style: "h2" }, { text: advice[field] as string }] : [])),
    { text: advice.recordedBy ? `Namens de regiotafel, ${advice.recordedBy} (voorzitter)` : "Namens de regiotafel", margin: [0, 16, 0, 0] },
    ...(input.patient ? [] : [{ text: "De naam van de patiënt staat niet in deze brief: de toestemming van de patiënt laat dat voor u niet toe.", style: "small", margin: [0, 12, 0, 0] }]),
  ] as PdfContent;
}

export function adviceLetterPdf(input: AdviceLetterInput): Promise<Buffer> {
  const title = `Advies regiotafel casus ${input.code}`;
  return renderPdf(pdfDefinition({ title, content: adviceLetterContent(input), footerText: title }));
}
