// One way to page a list that can grow (audit log, inbox, referrals, inzage, meetings, ...).
// Pure and shared with the browser: the shape a loader returns and the <Pager> renders.
// The server side (cursors, SQL conditions, bounded counts) is in pagination.server.ts.

/** Query-string names, Dutch because people see them in the address bar. */
export const PAGE_PARAMS = { after: "na", before: "voor", page: "pagina" } as const;

/** How many items were found: exact up to a cap, so counting never costs more than the cap. */
export type PageTotal = { count: number; capped: boolean };

/** One page of a list, with links (path + query, filters kept) to its neighbours. */
export type Page<T> = {
  items: T[];
  size: number;
  /** Links; null when there is nothing in that direction. */
  first: string | null;
  prev: string | null;
  next: string | null;
  /** 1-based position of the first item when known (offset paging, or the first keyset page). */
  from: number | null;
  total: PageTotal | null;
};

/** "1.234", "meer dan 10.000": how the pager and summaries say a total in Dutch. */
export function formatTotal(total: PageTotal): string {
  const n = total.count.toLocaleString("nl-NL");
  return total.capped ? `meer dan ${n}` : n;
}

/** A one-line Dutch summary, e.g. "Regel 1–50 van 1.234" or "50 regels per pagina, meer dan 10.000 gevonden". */
export function describePage(page: Page<unknown>, noun: { one: string; many: string }): string {
  const shown = page.items.length;
  if (page.total && page.total.count === 0) return `Geen ${noun.many} gevonden.`;
  if (page.from !== null && shown > 0) {
    const range = `${noun.one[0].toUpperCase()}${noun.one.slice(1)} ${page.from.toLocaleString("nl-NL")}–${(page.from + shown - 1).toLocaleString("nl-NL")}`;
    return page.total ? `${range} van ${formatTotal(page.total)}` : range;
  }
  const found = page.total ? `, ${formatTotal(page.total)} gevonden` : "";
  return `${shown.toLocaleString("nl-NL")} ${shown === 1 ? noun.one : noun.many} op deze pagina${found}`;
}
