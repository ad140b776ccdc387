// Which regiotafel a patient's residence routes to (plan van aanpak, section 5c).
// The residence is a municipality from the CBS list in force (or a place name that resolves to
// one); its province follows from the list. The rules are data an administrator can change:
// one rule per province, and municipality exceptions (Rotterdam-Rijnmond, Gooi, Noord-Veluwe).
import type { Province } from "./vocabulary";

export type RoutingRule = { province: string; municipality: string | null; tableId: number; label?: string | null };
export type Residence = { province: Province | string; municipality?: string | null };
export type Municipality = { code: string; name: string; province: string };
export type MunicipalityIndex = { municipalities: readonly Municipality[]; aliases: readonly { name: string; municipalityCode: string }[] };

/** Case, accents, punctuation and spacing do not matter: "capelle a/d ijssel" ~ "Capelle a/d IJssel". */
export const normalisePlace = (s: string) =>
  s
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();

/** A municipality exception wins over its province's rule; null when nothing routes the place. */
export function proposeTable(rules: readonly RoutingRule[], residence: Residence): number | null {
  return decideRoute(rules, residence)?.tableId ?? null;
}

export type RouteDecision =
  | { tableId: number; rule: "municipality"; label: string | null; municipality: string; province: string }
  | { tableId: number; rule: "province"; province: string };

/** The table and the rule that decided it (for the form, the API and the case page). */
export function decideRoute(rules: readonly RoutingRule[], residence: Residence): RouteDecision | null {
  const province = normalisePlace(residence.province);
  const municipality = residence.municipality ? normalisePlace(residence.municipality) : "";
  const inProvince = rules.filter((r) => normalisePlace(r.province) === province);
  const exception = municipality ? inProvince.find((r) => r.municipality && normalisePlace(r.municipality) === municipality) : undefined;
  if (exception) return { tableId: exception.tableId, rule: "municipality", label: exception.label ?? null, municipality: exception.municipality!, province: exception.province };
  const whole = inProvince.find((r) => r.municipality === null);
  return whole ? { tableId: whole.tableId, rule: "province", province: whole.province } : null;
}

/** The rule in Dutch, e.g. "Uitzondering Rotterdam-Rijnmond (gemeente Schiedam)" or "Provincie Limburg". */
export function describeRoute(decision: RouteDecision): string {
  if (decision.rule === "province") return `Provincie ${decision.province}`;
  return `Uitzondering ${decision.label ?? "voor deze gemeente"} (gemeente ${decision.municipality}, ${decision.province})`;
}

export type ResolvedPlace =
  | { ok: true; municipality: Municipality; alias: string | null }
  | { ok: false; suggestions: string[] };

/** A typed place → its municipality (directly or by alias), or the closest names to suggest. */
export function resolveMunicipality(index: MunicipalityIndex, typed: string): ResolvedPlace {
  const key = normalisePlace(typed);
  if (!key) return { ok: false, suggestions: [] };
  const byCode = new Map(index.municipalities.map((m) => [m.code, m]));
  const direct = index.municipalities.find((m) => normalisePlace(m.name) === key || m.code.toLowerCase() === key.replace(/ /g, ""));
  if (direct) return { ok: true, municipality: direct, alias: null };
  const alias = index.aliases.find((a) => normalisePlace(a.name) === key);
  const target = alias ? byCode.get(alias.municipalityCode) : undefined;
  if (alias && target) return { ok: true, municipality: target, alias: alias.name };
  return { ok: false, suggestions: suggestPlaces(index, key) };
}

/** Up to five names that start like, contain, or are within two typing errors of what was typed. */
function suggestPlaces(index: MunicipalityIndex, key: string): string[] {
  const names = [...index.municipalities.map((m) => m.name), ...index.aliases.map((a) => a.name)];
  const scored = names
    .map((name) => {
      const n = normalisePlace(name);
      const score = n.startsWith(key) ? 0 : n.includes(key) || key.includes(n) ? 1 : editDistance(n, key) <= 2 ? 2 : n.slice(0, 3) === key.slice(0, 3) ? 3 : 9;
      return { name, score };
    })
    .filter((s) => s.score < 9)
    .sort((a, b) => a.score - b.score || a.name.localeCompare(b.name, "nl"));
  return [...new Set(scored.map((s) => s.name))].slice(0, 5);
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length];
}

/** The Dutch field error for a place not on the list, with suggestions when there are any. */
export function unknownPlaceMessage(suggestions: readonly string[]): string {
  const base = "Deze woonplaats staat niet in de gemeentelijke indeling van het CBS en is ook geen bekende plaatsnaam.";
  return suggestions.length ? `${base} Bedoelt u: ${suggestions.join(", ")}?` : `${base} Kies een gemeente uit de lijst.`;
}
