// Prints the SQL that loads a year's CBS municipal classification and place aliases, for a
// custom migration: `npx drizzle-kit generate --custom --name=municipalities_<year>`, then paste.
// Usage: npx tsx scripts/municipalities-sql.ts > /tmp/municipalities.sql
import { MUNICIPALITIES_2026, PLACE_ALIASES_2026 } from "../db/municipalities-2026";

const q = (s: string) => `'${s.replaceAll("'", "''")}'`;
const byName = new Map(MUNICIPALITIES_2026.map((m) => [m.name, m.code]));
const lines: string[] = [];
for (const m of MUNICIPALITIES_2026) {
  lines.push(`INSERT INTO municipalities (code, name, province, valid_from) VALUES (${q(m.code)}, ${q(m.name)}, ${q(m.province)}, '2026-01-01') ON CONFLICT(code) DO UPDATE SET name = excluded.name, province = excluded.province, valid_from = excluded.valid_from;`);
}
for (const [alias, municipality] of PLACE_ALIASES_2026) {
  const code = byName.get(municipality);
  if (!code) throw new Error(`alias ${alias}: unknown municipality ${municipality}`);
  lines.push(`INSERT INTO municipality_aliases (name, municipality_code) VALUES (${q(alias)}, ${q(code)}) ON CONFLICT(name) DO UPDATE SET municipality_code = excluded.municipality_code;`);
}
console.log(lines.join("\n--> statement-breakpoint\n"));
