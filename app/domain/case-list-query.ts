// What a case list (inbox, referrals, advisor list) is asked for in its query string: search,
// filters and sort, as plain GET parameters so the lists work without JavaScript. Pure: a value
// that does not fit is ignored with a Dutch message, never an error page.
import { CASE_STATES, CASE_STATE_LABELS, isOpen, type CaseState } from "./case-lifecycle";
import { isCalendarDate } from "./amsterdam-time";
import { URGENCIES, type Urgency } from "./vocabulary";

/** Query-string names, Dutch because people see them in the address bar. */
export const CASE_LIST_PARAMS = { search: "zoek", status: "status", urgency: "urgentie", table: "tafel", from: "van", to: "tot", sort: "sorteer" } as const;

/** Status choices: groups first, then every single state. */
export const STATUS_GROUPS = {
  lopend: { label: "Alle lopende casussen", states: CASE_STATES.filter(isOpen) },
  nieuw: { label: "Nieuwe aanmeldingen (ontvangen, in screening)", states: ["received", "screening"] as CaseState[] },
  alle: { label: "Alle casussen (ook afgesloten)", states: null },
} as const;
export type StatusGroup = keyof typeof STATUS_GROUPS;

export const CASE_SORTS = {
  urgentie: "Meest urgent, dan langst wachtend",
  nieuwste: "Nieuwste eerst",
  oudste: "Oudste eerst",
  code: "Casuscode",
} as const;
export type CaseSort = keyof typeof CASE_SORTS;

/** How a search text is read: a case code, a BSN (9 digits, spaces and dots allowed) or a name. */
export type SearchKind = "code" | "bsn" | "name";

export type CaseListQuery = {
  search: { text: string; kind: SearchKind; digits: string } | null;
  /** The status parameter as chosen (a group or a state), and the states it stands for (null: all). */
  status: StatusGroup | CaseState;
  states: readonly CaseState[] | null;
  urgency: Urgency | null;
  /** Slug of a table, for lists that span tables. */
  table: string | null;
  /** Received from / up to and including (yyyy-mm-dd, Amsterdam days). */
  from: string | null;
  to: string | null;
  sort: CaseSort;
};

export const SEARCH_MIN = 2;
export const SEARCH_MAX = 100;
const CODE = /^RT\d{1,2}-\d{4}-\d{1,6}$/i;

export function searchKind(text: string): { kind: SearchKind; digits: string } {
  const digits = text.replace(/[\s.]/g, "");
  if (/^\d{9}$/.test(digits)) return { kind: "bsn", digits };
  if (CODE.test(text) || /^RT\d/i.test(text)) return { kind: "code", digits: "" };
  return { kind: "name", digits: "" };
}

export type ParseOptions = { defaultStatus: StatusGroup; defaultSort: CaseSort; tables?: readonly string[] };

/** The list's query from its URL parameters, and a Dutch message per parameter that was ignored. */
export function parseCaseListQuery(params: URLSearchParams, options: ParseOptions): { query: CaseListQuery; problems: string[] } {
  const problems: string[] = [];
  const get = (name: string) => (params.get(name) ?? "").trim();

  const text = get(CASE_LIST_PARAMS.search).slice(0, SEARCH_MAX);
  let search: CaseListQuery["search"] = null;
  if (text.length >= SEARCH_MIN) search = { text, ...searchKind(text) };
  else if (text) problems.push(`Zoek op minstens ${SEARCH_MIN} tekens; de zoekopdracht is genegeerd.`);

  const rawStatus = get(CASE_LIST_PARAMS.status);
  let status: StatusGroup | CaseState = options.defaultStatus;
  if (rawStatus && (rawStatus in STATUS_GROUPS || (CASE_STATES as readonly string[]).includes(rawStatus))) status = rawStatus as StatusGroup | CaseState;
  else if (rawStatus) problems.push("Deze status bestaat niet; het statusfilter is genegeerd.");
  const states = status in STATUS_GROUPS ? STATUS_GROUPS[status as StatusGroup].states : [status as CaseState];

  const rawUrgency = get(CASE_LIST_PARAMS.urgency);
  const urgency = (URGENCIES as readonly string[]).includes(rawUrgency) ? (rawUrgency as Urgency) : null;
  if (rawUrgency && !urgency) problems.push("Deze urgentie bestaat niet; het urgentiefilter is genegeerd.");

  const rawTable = get(CASE_LIST_PARAMS.table);
  const table = rawTable && options.tables?.includes(rawTable) ? rawTable : null;
  if (rawTable && !table) problems.push("Deze regiotafel bestaat niet; het tafelfilter is genegeerd.");

  const date = (name: string, label: string) => {
    const raw = get(name);
    if (!raw) return null;
    if (isCalendarDate(raw)) return raw;
    problems.push(`Vul "${label}" in als datum (jjjj-mm-dd); dit filter is genegeerd.`);
    return null;
  };
  let from = date(CASE_LIST_PARAMS.from, "ontvangen vanaf");
  let to = date(CASE_LIST_PARAMS.to, "ontvangen tot en met");
  if (from && to && from > to) {
    problems.push('"Ontvangen vanaf" ligt na "ontvangen tot en met"; de periode is genegeerd.');
    from = to = null;
  }

  const rawSort = get(CASE_LIST_PARAMS.sort);
  const sort = rawSort in CASE_SORTS ? (rawSort as CaseSort) : options.defaultSort;
  if (rawSort && !(rawSort in CASE_SORTS)) problems.push("Deze sortering bestaat niet; de standaardvolgorde is gebruikt.");

  return { query: { search, status, states, urgency, table, from, to, sort }, problems };
}

/** True when the list shows something other than its default view (for "Filters wissen"). */
export function isFiltered(query: CaseListQuery, options: ParseOptions): boolean {
  return Boolean(query.search || query.urgency || query.table || query.from || query.to || query.status !== options.defaultStatus || query.sort !== options.defaultSort);
}

/** Status options for a filter menu: groups, then the states in lifecycle order. */
export const STATUS_OPTIONS: { value: string; label: string }[] = [
  ...Object.entries(STATUS_GROUPS).map(([value, g]) => ({ value, label: g.label })),
  ...CASE_STATES.map((s) => ({ value: s, label: CASE_STATE_LABELS[s] })),
];

/** What the filter form shows: the query as understood (an ignored value shows its default). */
export function filterValuesOf(query: CaseListQuery) {
  return {
    search: query.search?.text ?? "",
    status: query.status,
    urgency: query.urgency ?? "",
    table: query.table ?? "",
    from: query.from ?? "",
    to: query.to ?? "",
    sort: query.sort,
  };
}
