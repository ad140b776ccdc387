// The national monitor's query layer: reads the rows, lets the pure functions in ~/domain/monitor
// count them, and SUPPRESSES before anything leaves this module. What it returns holds only
// aggregates already suppressed (counts 1–4 become "<5", lead-time statistics need ≥ 5 cases):
// no case id, code, name or date of a single case. The pages, the CSV and the chair's report
// all read these structures and nothing else.
import { stringify } from "csv-stringify/sync";
import { asc, eq, inArray } from "drizzle-orm";
import {
  arrangementComponents,
  arrangementParties,
  arrangements,
  caseEvents,
  cases,
  criteriaAssessments,
  criterionVerdicts,
  escalations,
  lessons,
  organisations,
  regionalTables,
  shortfalls,
} from "#db/schema";
import {
  AGE_BAND_LABELS,
  AGE_BANDS,
  aggregateMonitor,
  displayValue,
  LEAD_TIME_STEPS,
  leadTimeStats,
  shortfallMatrix,
  suppress,
  amsterdamDate,
  inPeriod,
  periodBounds,
  type Count,
  type MonitorData,
  type Period,
  type RegionFilter,
  type Stat,
} from "~/domain/monitor";
import {
  BOTTLENECK_CATEGORY_LABELS,
  CARE_FUNCTION_LABELS,
  CARE_FUNCTIONS,
  ESCALATION_LEVEL_LABELS,
  ESCALATION_LEVELS,
  INCLUSION_CRITERIA,
  LEGAL_DOMAIN_LABELS,
  LEGAL_DOMAINS,
  ORGANISATION_TYPE_LABELS,
  REFERRAL_SOURCE_LABELS,
  REFERRAL_SOURCES,
  SHORTFALL_KIND_LABELS,
  SHORTFALL_KINDS,
  type CareFunction,
  type LegalDomain,
  type OrganisationType,
  type ShortfallKind,
} from "~/domain/vocabulary";
import type { Db } from "~/lib/db.server";
import { neutraliseFormula } from "./audit-log.server";

export type CountRow = { key: string; label: string; count: Count };
export type LeadTimeRow = { key: string; label: string; n: Count; median: Stat; p90: Stat };
export type RegionRef = { slug: string; name: string; number: number };

export type CapacityTable = RegionRef & {
  total: Count;
  /** People admitted without medical necessity waiting for a Wmo place (blocked outflow). */
  peopleWaiting: Count;
  rows: { careFunction: CareFunction; label: string; counts: { kind: ShortfallKind; count: Count }[] }[];
};

export type LessonView = { table: string; bottleneck: string; text: string; month: string };

export type MonitorReport = {
  period: { label: string; from: string; to: string };
  /** The one region shown, or null for all regions. */
  region: RegionRef | null;
  /** Date (Amsterdam) of the open-cases snapshot: the period's last day, or today. */
  snapshotDate: string;
  /** First figure: referred → fitting advice (included). */
  referredVsIncluded: { received: Count; included: Count };
  perRegion: (RegionRef & { received: Count; included: Count })[];
  flow: CountRow[];
  receivedBySource: CountRow[];
  notIncludedByCriterion: CountRow[];
  leadTimes: LeadTimeRow[];
  openByAge: CountRow[];
  openTotal: Count;
  escalations: CountRow[];
  arrangements: { approved: Count; byLegalDomain: CountRow[]; byFinancier: CountRow[] };
  capacity: CapacityTable[];
  lessons: LessonView[];
};

export type MonitorScope = { period: Period; tableIds: RegionFilter; now?: Date };

// ── Reading the rows ─────────────────────────────────────────────────────────

export function listRegions(db: Db): (RegionRef & { id: number })[] {
  return db
    .select({ id: regionalTables.id, slug: regionalTables.slug, name: regionalTables.name, number: regionalTables.number })
    .from(regionalTables)
    .orderBy(asc(regionalTables.number))
    .all();
}

/** The rows the monitor counts. Internal: contains case ids, so it never leaves this module. */
function loadMonitorData(db: Db): MonitorData {
  const caseRows = db
    .select({ caseId: cases.id, tableId: cases.tableId, source: cases.source, viaVwsUnit: cases.viaVwsUnit, receivedAt: cases.receivedAt })
    .from(cases)
    .all();
  const events = db
    .select({ id: caseEvents.id, caseId: caseEvents.caseId, event: caseEvents.event, toState: caseEvents.toState, fromTableId: caseEvents.fromTableId, toTableId: caseEvents.toTableId, at: caseEvents.at })
    .from(caseEvents)
    .all();
  const assessmentRows = db.select({ id: criteriaAssessments.id, caseId: criteriaAssessments.caseId, kind: criteriaAssessments.kind }).from(criteriaAssessments).all();
  const notMet = db
    .select({ assessmentId: criterionVerdicts.assessmentId, criterion: criterionVerdicts.criterion })
    .from(criterionVerdicts)
    .where(eq(criterionVerdicts.verdict, "not_met"))
    .all();
  const notMetBy = new Map<number, number[]>();
  for (const v of notMet) notMetBy.set(v.assessmentId, [...(notMetBy.get(v.assessmentId) ?? []), v.criterion]);

  const arrangementRows = db
    .select({ id: arrangements.id, caseId: arrangements.caseId, status: arrangements.status, approvedAt: arrangements.approvedAt, createdAt: arrangements.createdAt })
    .from(arrangements)
    .all();
  const ids = arrangementRows.map((a) => a.id);
  const components = ids.length
    ? db
        .select({ arrangementId: arrangementComponents.arrangementId, legalDomain: arrangementComponents.legalDomain, financierType: organisations.type })
        .from(arrangementComponents)
        .leftJoin(organisations, eq(arrangementComponents.financierOrganisationId, organisations.id))
        .where(inArray(arrangementComponents.arrangementId, ids))
        .all()
    : [];
  const financierRoles = ids.length
    ? db.select({ arrangementId: arrangementParties.arrangementId, role: arrangementParties.role, organisationId: arrangementParties.organisationId }).from(arrangementParties).where(inArray(arrangementParties.arrangementId, ids)).all()
    : [];
  const orgTypes = new Map(db.select({ id: organisations.id, type: organisations.type }).from(organisations).all().map((o) => [o.id, o.type]));

  return {
    tables: listRegions(db),
    cases: caseRows,
    events,
    assessments: assessmentRows.map((a) => ({ caseId: a.caseId, assessmentId: a.id, kind: a.kind, notMet: notMetBy.get(a.id) ?? [] })),
    escalations: db.select({ caseId: escalations.caseId, level: escalations.level, at: escalations.at }).from(escalations).all(),
    arrangements: arrangementRows.map((a) => {
      const own = components.filter((c) => c.arrangementId === a.id);
      const partyTypes = financierRoles
        .filter((p) => p.arrangementId === a.id && p.role === "financier")
        .map((p) => orgTypes.get(p.organisationId))
        .filter((t): t is OrganisationType => Boolean(t));
      const componentTypes = own.map((c) => c.financierType).filter((t): t is OrganisationType => Boolean(t));
      return {
        caseId: a.caseId,
        status: a.status,
        approvedAt: a.approvedAt,
        createdAt: a.createdAt,
        legalDomains: [...new Set(own.map((c) => c.legalDomain))] as LegalDomain[],
        financierTypes: [...new Set([...partyTypes, ...componentTypes])],
      };
    }),
    shortfalls: db
      .select({
        tableId: shortfalls.tableId,
        careFunction: shortfalls.careFunction,
        kind: shortfalls.kind,
        status: shortfalls.status,
        peopleWaiting: shortfalls.peopleWaiting,
        createdAt: shortfalls.createdAt,
        updatedAt: shortfalls.updatedAt,
      })
      .from(shortfalls)
      .all(),
    lessons: db.select({ tableId: lessons.tableId, text: lessons.text, bottleneck: lessons.bottleneck, createdAt: lessons.createdAt }).from(lessons).orderBy(asc(lessons.createdAt)).all(),
  };
}

// ── Suppressing ──────────────────────────────────────────────────────────────

const rows = <K extends string>(keys: readonly K[], labels: Record<K, string>, counts: Record<K, number>): CountRow[] =>
  keys.map((key) => ({ key, label: labels[key], count: suppress(counts[key] ?? 0) }));

const FINANCIER_ORDER: OrganisationType[] = ["insurer", "municipality", "care_office"];

function capacityTables(data: MonitorData, period: Period, regions: (RegionRef & { id: number })[]): CapacityTable[] {
  return regions.map((r) => {
    const m = shortfallMatrix(data.shortfalls, r.id, period, CARE_FUNCTIONS, SHORTFALL_KINDS);
    return {
      slug: r.slug,
      name: r.name,
      number: r.number,
      total: suppress(m.total),
      peopleWaiting: suppress(m.peopleWaiting),
      rows: CARE_FUNCTIONS.map((f) => ({
        careFunction: f,
        label: CARE_FUNCTION_LABELS[f],
        counts: SHORTFALL_KINDS.map((k) => ({ kind: k, count: suppress(m.cells[f][k]) })),
      })),
    };
  });
}

const MONTH_FORMAT = new Intl.DateTimeFormat("nl-NL", { timeZone: "Europe/Amsterdam", month: "long", year: "numeric" });

/** The monitor for a period and a set of regions (null = all), suppressed. */
export function monitorReport(db: Db, scope: MonitorScope): MonitorReport {
  const { period, tableIds } = scope;
  const now = scope.now ?? new Date();
  const data = loadMonitorData(db);
  const allRegions = data.tables as (RegionRef & { id: number })[];
  const regions = tableIds === null ? allRegions : allRegions.filter((r) => tableIds.includes(r.id));
  const options = { now, escalationLevels: ESCALATION_LEVELS, legalDomains: LEGAL_DOMAINS, sources: REFERRAL_SOURCES };
  const raw = aggregateMonitor(data, period, tableIds, options);
  const perRegion = regions.map((r) => {
    const one = aggregateMonitor(data, period, [r.id], options);
    return { slug: r.slug, name: r.name, number: r.number, received: suppress(one.received), included: suppress(one.included) };
  });

  const financierKeys = [...new Set([...FINANCIER_ORDER, ...(Object.keys(raw.arrangementsByFinancier) as OrganisationType[])])];
  const tableNames = new Map(allRegions.map((r) => [r.id, r.name]));
  const regionOf = (id: number) => tableIds === null || tableIds.includes(id);
  const snapshot = Math.min(periodBounds(period).end - 1, now.getTime());

  return {
    period: { label: period.label, from: period.from, to: period.to },
    region: tableIds !== null && regions.length === 1 ? { slug: regions[0].slug, name: regions[0].name, number: regions[0].number } : null,
    snapshotDate: amsterdamDate(new Date(snapshot)),
    referredVsIncluded: { received: suppress(raw.received), included: suppress(raw.included) },
    perRegion,
    flow: [
      { key: "received", label: "Verwijzingen ontvangen", count: suppress(raw.received) },
      { key: "included", label: "Geïncludeerd (passend advies)", count: suppress(raw.included) },
      { key: "not_included", label: "Niet geïncludeerd", count: suppress(raw.notIncluded) },
      { key: "redirected", label: "Doorverwezen naar een andere regiotafel", count: suppress(raw.redirected) },
      { key: "discussed", label: "Besproken aan tafel", count: suppress(raw.discussed) },
      { key: "placed", label: "Geplaatst", count: suppress(raw.placed) },
    ],
    receivedBySource: [
      ...rows(REFERRAL_SOURCES, REFERRAL_SOURCE_LABELS, raw.receivedBySource),
      { key: "via_vws", label: "Waarvan via de VWS-unit complexe zorgvragen", count: suppress(raw.receivedViaVws) },
    ],
    notIncludedByCriterion: INCLUSION_CRITERIA.map((c) => ({
      key: `criterion_${c.number}`,
      label: `${c.number}. ${c.label}`,
      count: suppress(raw.notIncludedByCriterion[c.number] ?? 0),
    })),
    leadTimes: LEAD_TIME_STEPS.map((s) => ({ key: s.key, label: s.label, ...leadTimeStats(raw.leadTimes[s.key]) })),
    openByAge: rows(AGE_BANDS, AGE_BAND_LABELS, raw.openByAge),
    openTotal: suppress(raw.openTotal),
    escalations: rows(ESCALATION_LEVELS, ESCALATION_LEVEL_LABELS, raw.escalations),
    arrangements: {
      approved: suppress(raw.arrangementsApproved),
      byLegalDomain: rows(LEGAL_DOMAINS, LEGAL_DOMAIN_LABELS, raw.arrangementsByLegalDomain),
      byFinancier: financierKeys.map((key) => ({ key, label: ORGANISATION_TYPE_LABELS[key], count: suppress(raw.arrangementsByFinancier[key] ?? 0) })),
    },
    capacity: capacityTables(data, period, regions),
    lessons: data.lessons
      .filter((l) => regionOf(l.tableId) && inPeriod(l.createdAt, period))
      .map((l) => ({ table: tableNames.get(l.tableId) ?? "", bottleneck: BOTTLENECK_CATEGORY_LABELS[l.bottleneck], text: l.text, month: MONTH_FORMAT.format(new Date(l.createdAt)) })),
  };
}

/** The side-by-side capacity report: shortfalls per function × kind for each table, suppressed. */
export function capacityReport(db: Db, scope: MonitorScope): { period: MonitorReport["period"]; tables: CapacityTable[]; kinds: { kind: ShortfallKind; label: string }[] } {
  const data = loadMonitorData(db);
  const regions = (data.tables as (RegionRef & { id: number })[]).filter((r) => scope.tableIds === null || scope.tableIds.includes(r.id));
  return {
    period: { label: scope.period.label, from: scope.period.from, to: scope.period.to },
    tables: capacityTables(data, scope.period, regions),
    kinds: SHORTFALL_KINDS.map((kind) => ({ kind, label: SHORTFALL_KIND_LABELS[kind] })),
  };
}

// ── CSV ──────────────────────────────────────────────────────────────────────

export const MONITOR_CSV_HEADER = ["Periode", "Regio", "Onderdeel", "Categorie", "Waarde"];

/** The report as rows (without header): exactly the values the page shows, already suppressed. */
export function monitorRecords(report: MonitorReport): string[][] {
  const period = `${report.period.label} (${report.period.from} t/m ${report.period.to})`;
  const region = report.region?.name ?? "Alle regio's";
  const out: string[][] = [];
  const add = (part: string, category: string, value: Count | Stat, regionName = region) => out.push([period, regionName, part, category, displayValue(value)]);
  add("Verwezen → passend advies", "Verwezen", report.referredVsIncluded.received);
  add("Verwezen → passend advies", "Passend advies (geïncludeerd)", report.referredVsIncluded.included);
  for (const r of report.perRegion) {
    add("Verwezen → passend advies per regio", "Verwezen", r.received, r.name);
    add("Verwezen → passend advies per regio", "Passend advies (geïncludeerd)", r.included, r.name);
  }
  for (const r of report.flow) add("Instroom en uitkomst", r.label, r.count);
  for (const r of report.receivedBySource) add("Verwijzingen naar bron", r.label, r.count);
  for (const r of report.notIncludedByCriterion) add("Niet geïncludeerd: criterium niet voldaan", r.label, r.count);
  for (const r of report.leadTimes) {
    add(`Doorlooptijd ${r.label}`, "Aantal casussen", r.n);
    add(`Doorlooptijd ${r.label}`, "Mediaan (dagen)", r.median);
    add(`Doorlooptijd ${r.label}`, "90e percentiel (dagen)", r.p90);
  }
  for (const r of report.openByAge) add(`Open casussen op ${report.snapshotDate} naar leeftijd`, r.label, r.count);
  add(`Open casussen op ${report.snapshotDate} naar leeftijd`, "Totaal", report.openTotal);
  for (const r of report.escalations) add("Opschalingen naar niveau", r.label, r.count);
  add("Maatwerk-arrangementen goedgekeurd", "Totaal", report.arrangements.approved);
  for (const r of report.arrangements.byLegalDomain) add("Maatwerk-arrangementen naar wettelijk domein", r.label, r.count);
  for (const r of report.arrangements.byFinancier) add("Maatwerk-arrangementen naar financier", r.label, r.count);
  for (const t of report.capacity) {
    add("Capaciteitstekorten", "Totaal", t.total, t.name);
    add("Capaciteitstekorten", "Mensen opgenomen zonder medische noodzaak (wachtend op Wmo-plek)", t.peopleWaiting, t.name);
    for (const row of t.rows) for (const c of row.counts) add("Capaciteitstekorten", `${row.label} – ${SHORTFALL_KIND_LABELS[c.kind]}`, c.count, t.name);
  }
  return out;
}

/** Semicolons and a BOM, as Dutch Excel reads them; no cell can start a formula. */
export function monitorCsv(report: MonitorReport): string {
  return stringify([MONITOR_CSV_HEADER, ...monitorRecords(report).map((r) => r.map(neutraliseFormula))], { delimiter: ";", bom: true, record_delimiter: "windows" });
}
