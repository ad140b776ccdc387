// The CBS municipal classification in force with its place aliases, and routing a typed
// residence through it to a regiotafel, naming the rule that decided.
import { asc } from "drizzle-orm";
import { municipalities, municipalityAliases } from "#db/schema";
import { decideRoute, describeRoute, resolveMunicipality, unknownPlaceMessage, type Municipality, type MunicipalityIndex, type RouteDecision } from "~/domain/routing";
import type { Db } from "./db.server";
import { listRoutingRules } from "./tables.server";

export function municipalityIndex(db: Db): MunicipalityIndex {
  return {
    municipalities: db.select({ code: municipalities.code, name: municipalities.name, province: municipalities.province }).from(municipalities).orderBy(asc(municipalities.name)).all(),
    aliases: db.select().from(municipalityAliases).orderBy(asc(municipalityAliases.name)).all(),
  };
}

/** Every name the residence field accepts (municipalities and aliases), for the form's datalist. */
export function placeNames(db: Db): string[] {
  const index = municipalityIndex(db);
  return [...index.municipalities.map((m) => m.name), ...index.aliases.map((a) => a.name)].sort((a, b) => a.localeCompare(b, "nl"));
}

export type ResidenceRoute =
  | { ok: true; municipality: Municipality; alias: string | null; decision: RouteDecision | null; rule: string | null }
  | { ok: false; message: string; suggestions: string[] };

/** A typed residence → its municipality and province, the table it routes to and the rule in words. */
export function routeResidence(db: Db, typed: string): ResidenceRoute {
  const resolved = resolveMunicipality(municipalityIndex(db), typed);
  if (!resolved.ok) return { ok: false, message: unknownPlaceMessage(resolved.suggestions), suggestions: resolved.suggestions };
  const decision = decideRoute(listRoutingRules(db), { province: resolved.municipality.province, municipality: resolved.municipality.name });
  return { ok: true, municipality: resolved.municipality, alias: resolved.alias, decision, rule: decision ? describeRoute(decision) : null };
}
