// Which regiotafel a patient's residence routes to (plan van aanpak, section 5c).
// The rules are data (an administrator can change them); this is only the lookup.
import type { Province } from "./vocabulary";

export type RoutingRule = { province: string; municipality: string | null; tableId: number };
export type Residence = { province: Province | string; municipality?: string | null };

const normalise = (s: string) => s.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").trim().toLowerCase();

/** A municipality exception wins over its province's rule; null when nothing routes the place. */
export function proposeTable(rules: readonly RoutingRule[], residence: Residence): number | null {
  const province = normalise(residence.province);
  const municipality = residence.municipality ? normalise(residence.municipality) : null;
  const inProvince = rules.filter((r) => normalise(r.province) === province);
  const exception = municipality && inProvince.find((r) => r.municipality && normalise(r.municipality) === municipality);
  if (exception) return exception.tableId;
  return inProvince.find((r) => r.municipality === null)?.tableId ?? null;
}
