// The shape of an arrangement proposal: its head fields and its component rows, as the form
// parser checks them and the model stores them. Messages are Dutch: they reach the chair as field errors.
import { calendarDate, plainText, z } from "./dutch-errors";
import { COMPONENT_KINDS, FUNDING_INSTRUMENTS, LEGAL_DOMAINS } from "./vocabulary";

const required = (message: string) => z.string({ required_error: message, invalid_type_error: message }).trim().min(1, message);
/** A positive database id as posted ("12"), with one Dutch message for anything else. */
export const idField = (message: string) => required(message).regex(/^[1-9]\d{0,9}$/, message).transform(Number);

export const ProposalHeadSchema = z.object({
  description: plainText({ multiline: true, required: "Beschrijf het arrangement.", max: 2000 }),
  periodStart: calendarDate("Vul de begindatum in."),
  periodEnd: calendarDate("Vul de einddatum in."),
  costEstimate: z.string().optional(),
  providerIds: z.array(z.string().regex(/^[1-9]\d{0,9}$/, "Kies een aanbieder uit de lijst.").transform(Number)).max(100, "Kies hoogstens 100 aanbieders."),
  financierIds: z.array(z.string().regex(/^[1-9]\d{0,9}$/, "Kies een financier uit de lijst.").transform(Number)).max(100, "Kies hoogstens 100 financiers."),
});

export const ComponentSchema = z.object({
  kind: z.enum(COMPONENT_KINDS, { errorMap: () => ({ message: "Kies het soort onderdeel." }) }),
  description: plainText({ required: "Beschrijf het onderdeel.", max: 1000 }),
  legalDomain: z.enum(LEGAL_DOMAINS, { errorMap: () => ({ message: "Kies het wettelijk domein." }) }),
  fundingInstrument: z.enum(FUNDING_INSTRUMENTS, { errorMap: () => ({ message: "Kies het financieringsinstrument." }) }),
  providerOrganisationId: idField("Kies de aanbieder van dit onderdeel."),
  financierOrganisationId: idField("Kies de financier van dit onderdeel."),
});

export type ComponentInput = z.output<typeof ComponentSchema>;
/** A proposal as parsed: the cost in euros as a number, only the filled component rows. */
export type ProposalInput = Omit<z.output<typeof ProposalHeadSchema>, "costEstimate"> & { costEstimate: number; components: ComponentInput[] };
