// Layers point one way: routes → services → lib → models → domain and db (services use lib's
// guards and parsers and the models; lib never calls a service). A model or a domain rule that
// imports upward drags HTTP, sessions or sockets into code that must run anywhere (commands, jobs,
// tests), and makes cycles. This reads every import line below the routes and components.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "../..");

/** Where a file may import from, as folders under the repository root. */
const RULES: { dir: string; files: RegExp; allowed: string[] }[] = [
  { dir: "app/services", files: /\.tsx?$/, allowed: ["app/services", "app/lib", "app/models", "app/domain", "db"] },
  { dir: "app/lib", files: /\.tsx?$/, allowed: ["app/lib", "app/models", "app/domain", "db"] },
  { dir: "app/domain", files: /\.tsx?$/, allowed: ["app/domain"] },
  { dir: "app/models", files: /\.tsx?$/, allowed: ["app/models", "app/domain", "db"] },
  { dir: "db", files: /^schema.*\.ts$/, allowed: ["db", "app/domain"] },
];

/** Every module specifier in a source: import/export … from, side-effect imports, import(). */
function importSpecifiers(source: string): string[] {
  const found: string[] = [];
  const pattern = /(?:^|[\s;])(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\sfrom\s+)?["']([^"']+)["']|\bimport\s*\(\s*["']([^"']+)["']\s*\)/gm;
  for (const m of source.matchAll(pattern)) found.push(m[1] ?? m[2]);
  return found;
}

/** The repository-relative path an import points at, or null for a package (drizzle-orm, node:fs). */
function resolveSpecifier(fromFile: string, specifier: string): string | null {
  if (specifier.startsWith("~/")) return path.posix.join("app", specifier.slice(2));
  if (specifier.startsWith("#db/")) return path.posix.join("db", specifier.slice(4));
  if (specifier.startsWith(".")) return path.posix.normalize(path.posix.join(path.posix.dirname(fromFile), specifier));
  return null;
}

const within = (target: string, dir: string) => target === dir || target.startsWith(`${dir}/`);

/** "file: import "spec"" for each import of `file` that leaves the folders it may use. */
function layerProblems(file: string, source: string, allowed: string[]): string[] {
  return importSpecifiers(source)
    .filter((specifier) => {
      const target = resolveSpecifier(file, specifier);
      return target !== null && !allowed.some((dir) => within(target, dir));
    })
    .map((specifier) => `${file}: import "${specifier}"`);
}

describe("layers point one way (routes → services → lib → models → domain, db)", () => {
  it("finds upward imports in every form a source can write them", () => {
    const source = [
      'import { db } from "~/lib/db.server";',
      'import type { Foo } from "../services/foo.server";',
      'export { bar } from "~/routes/bar";',
      'import "~/lib/side-effect";',
      "const later = await import('~/lib/lazy');",
      "import {\n  multi,\n  line,\n} from \"~/lib/multi-line\";",
      'import { ok } from "./cases.server";',
      'import { rule } from "~/domain/consent";',
      'import { table } from "#db/schema";',
      'import { eq } from "drizzle-orm";',
      '// a comment about "~/lib/x" is not an import',
    ].join("\n");
    expect(layerProblems("app/models/example.server.ts", source, ["app/models", "app/domain", "db"])).toEqual([
      'app/models/example.server.ts: import "~/lib/db.server"',
      'app/models/example.server.ts: import "../services/foo.server"',
      'app/models/example.server.ts: import "~/routes/bar"',
      'app/models/example.server.ts: import "~/lib/side-effect"',
      "app/models/example.server.ts: import \"~/lib/lazy\"",
      'app/models/example.server.ts: import "~/lib/multi-line"',
    ]);
    expect(layerProblems("app/domain/rule.ts", 'import { x } from "~/models/cases.server";\nimport { y } from "#db/schema";', ["app/domain"])).toEqual([
      'app/domain/rule.ts: import "~/models/cases.server"',
      'app/domain/rule.ts: import "#db/schema"',
    ]);
  });

  for (const rule of RULES) {
    it(`${rule.dir} imports only from ${rule.allowed.join(", ")} and packages`, () => {
      const files = fs
        .readdirSync(path.join(ROOT, rule.dir), { recursive: true, encoding: "utf8" })
        .filter((f) => rule.files.test(path.basename(f)))
        .map((f) => path.posix.join(rule.dir, f.split(path.sep).join("/")));
      expect(files.length).toBeGreaterThan(0);
      const problems = files.flatMap((file) => layerProblems(file, fs.readFileSync(path.join(ROOT, file), "utf8"), rule.allowed));
      expect(problems, "move what the lower layer needs down, or let the caller above do it").toEqual([]);
    });
  }
});
