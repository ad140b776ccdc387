// Deny by default (security.md, "Access control"): every loader and action passes through the guard,
// nothing answers an anonymous visitor with data, and each role reaches only its own pages.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { and, eq, like } from "drizzle-orm";
import { auditEvents } from "#db/schema";
import { loggedIn, pageText, startPortal, type TestPortal } from "../helpers/portal";

const ROUTES_DIR = path.resolve("app/routes");
const ROUTE_EXT = /\.(tsx|ts|jsx|js)$/;

// ── Reading route modules ────────────────────────────────────────────────────

type RouteFile = { id: string; file: string };

/** Route modules as Remix's flat routes see them: files in app/routes and app/routes/<folder>/route.*. */
function routeFiles(): RouteFile[] {
  const files: RouteFile[] = [];
  for (const entry of fs.readdirSync(ROUTES_DIR, { withFileTypes: true })) {
    if (entry.name.startsWith(".") || /\.test\./.test(entry.name)) continue;
    if (entry.isFile() && ROUTE_EXT.test(entry.name)) {
      files.push({ id: entry.name.replace(ROUTE_EXT, ""), file: entry.name });
    } else if (entry.isDirectory()) {
      const route = fs.readdirSync(path.join(ROUTES_DIR, entry.name)).find((f) => /^route\.(tsx|ts|jsx|js)$/.test(f));
      if (route) files.push({ id: entry.name, file: `${entry.name}/${route}` });
    }
  }
  return files.sort((a, b) => a.id.localeCompare(b.id));
}

/** The source with comments and the contents of string literals blanked (same length), so braces and names in them do not count. */
export function codeOnly(source: string): string {
  let out = "";
  let i = 0;
  while (i < source.length) {
    const c = source[i];
    const next = source[i + 1];
    if (c === "/" && next === "/") {
      while (i < source.length && source[i] !== "\n") {
        out += " ";
        i++;
      }
    } else if (c === "/" && next === "*") {
      const end = source.indexOf("*/", i + 2);
      const stop = end === -1 ? source.length : end + 2;
      out += source.slice(i, stop).replace(/[^\n]/g, " ");
      i = stop;
    } else if (c === '"' || c === "'") {
      out += c;
      i++;
      while (i < source.length && source[i] !== c && source[i] !== "\n") {
        if (source[i] === "\\") {
          out += " ";
          i++;
        }
        out += " ";
        i++;
      }
      if (i < source.length) out += source[i++];
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/** body: the code with comments and strings blanked; text: the body as written. */
type Handler = { name: "loader" | "action"; body: string; text: string };

/** Every exported loader and action with its body, and the exports this simple reader cannot follow. */
export function exportedHandlers(source: string): { handlers: Handler[]; unreadable: string[] } {
  const code = codeOnly(source);
  const handlers: Handler[] = [];
  const unreadable: string[] = [];
  for (const m of code.matchAll(/export\s+(?:async\s+)?function\s*\*?\s*(loader|action)\s*\(/g)) {
    // The parameter list, then the first "{" outside a type argument opens the body.
    let i = m.index! + m[0].length;
    for (let depth = 1; depth > 0 && i < code.length; i++) {
      if (code[i] === "(") depth++;
      else if (code[i] === ")") depth--;
    }
    let angle = 0;
    while (i < code.length && !(code[i] === "{" && angle === 0)) {
      if (code[i] === "<") angle++;
      else if (code[i] === ">" && code[i - 1] !== "=") angle--;
      i++;
    }
    const start = i;
    let depth = 0;
    for (; i < code.length; i++) {
      if (code[i] === "{") depth++;
      else if (code[i] === "}" && --depth === 0) break;
    }
    if (depth !== 0) unreadable.push(`${m[1]}: no closing brace`);
    else handlers.push({ name: m[1] as Handler["name"], body: code.slice(start + 1, i), text: source.slice(start + 1, i) });
  }
  for (const m of code.matchAll(/export\s+(?:const|let|var)\s+(loader|action)\b/g)) unreadable.push(`${m[1]}: exported as a variable`);
  for (const m of code.matchAll(/export\s*(?:type\s*)?\{([^}]*)\}/g)) {
    for (const name of m[1].split(",").map((s) => s.trim().split(/\s+as\s+/).pop())) {
      if (name === "loader" || name === "action") unreadable.push(`${name}: exported from a list`);
    }
  }
  return { handlers, unreadable };
}

/** Pages: a session. */
// The monitor's report loaders (app/lib/monitor-request.server.ts) await requirePermission before anything else.
const GUARD = /\bawait\s+(requireUser|requirePermission|requireCase|nationalReportFor|chairTableReport)\s*\(/;
/** The intake API (routes api.*): a bearer token, never a session cookie. */
const API_GUARD = /\bawait\s+requireApiClient\s*\(/;
const isApiRoute = (file: string) => file.startsWith("api.");

/**
 * The only handlers that may do without requireUser/requirePermission, each with what it must do instead.
 * Keep this small: every entry is a door anyone can knock on.
 */
const PUBLIC_HANDLERS: Record<string, { why: string; must: RegExp; asWritten?: boolean }> = {
  "inloggen.tsx loader": { why: "the login page; a signed-in user is sent home", must: /\bawait\s+requireAnonymous\s*\(/ },
  "inloggen.tsx action": { why: "logging in; a signed-in user is sent home", must: /\bawait\s+requireAnonymous\s*\(/ },
  "activeren.$token.tsx loader": { why: "the activation link is the credential; a signed-in user is sent home", must: /\bawait\s+requireAnonymous\s*\(/ },
  "activeren.$token.tsx action": { why: "choosing a password through the activation link", must: /\bawait\s+requireAnonymous\s*\(/ },
  "wachtwoord-herstellen.$token.tsx loader": { why: "the reset link is the credential; a signed-in user is sent home", must: /\bawait\s+requireAnonymous\s*\(/ },
  "wachtwoord-herstellen.$token.tsx action": { why: "choosing a password through the reset link", must: /\bawait\s+requireAnonymous\s*\(/ },
  "wachtwoord-vergeten.tsx loader": { why: "asking for a reset link; a signed-in user is sent home", must: /\bawait\s+requireAnonymous\s*\(/ },
  "wachtwoord-vergeten.tsx action": { why: "asking for a reset link, one answer whether or not the address exists", must: /\bawait\s+requireAnonymous\s*\(/ },
  "uitloggen.tsx action": { why: "logging out ends whatever session there is", must: /\bawait\s+getCurrentUser\s*\(/ },
  "$.tsx loader": { why: "unknown addresses: always 404, inside the layout", must: /^\s*throw\s+new\s+Response\(\s*"Niet gevonden"\s*,\s*\{\s*status:\s*404\s*\}\s*\);?\s*$/, asWritten: true },
  "uitloggen.tsx loader": { why: "only sends a GET home", must: /^\s*return\s+redirect\(\s*"\/"\s*\);?\s*$/, asWritten: true },
  "agenda.feed.$file.ts loader": {
    why: "calendar apps fetch the personal feed without cookies; the secret token in the URL is the only credential",
    must: /\bawait\s+requireCalendarFeed\s*\(/,
  },
  "api.v1.openapi[.]json.ts loader": { why: "the API's contract, no data", must: /^\s*return\s+new\s+Response\(\s*OPENAPI_TEXT\s*,\s*\{\s*headers:\s*OPENAPI_HEADERS\s*\}\s*\);?\s*$/, asWritten: true },
  "api.v1.openapi[.]json.ts action": { why: "refuses every method but GET", must: /^\s*return\s+new\s+Response\(\s*METHOD_NOT_ALLOWED\s*,\s*\{\s*status:\s*405\b/, asWritten: true },
};

/** What is wrong with one route module's handlers; empty when all pass through the guard. */
function guardProblems(file: string, source: string): string[] {
  const { handlers, unreadable } = exportedHandlers(source);
  const problems = unreadable.map((u) => `${file}: ${u}`);
  for (const h of handlers) {
    const allowed = PUBLIC_HANDLERS[`${file} ${h.name}`];
    if (allowed) {
      if (!allowed.must.test(allowed.asWritten ? h.text : h.body)) problems.push(`${file}: public ${h.name} no longer does what the allow-list says (${allowed.why})`);
    } else if (isApiRoute(file)) {
      if (!API_GUARD.test(h.body)) problems.push(`${file}: ${h.name} does not await requireApiClient()`);
    } else if (!GUARD.test(h.body)) {
      problems.push(`${file}: ${h.name} does not await requireUser() or requirePermission()`);
    }
  }
  return problems;
}

describe("static: every loader and action passes through the guard", () => {
  const files = routeFiles();

  it("finds the route modules", () => {
    expect(files.map((f) => f.id)).toEqual(expect.arrayContaining(["_index", "inloggen", "uitloggen", "tafels.$slug"]));
  });

  it("reads handlers correctly (the reader itself)", () => {
    const sample = `
      import { requireUser } from "~/lib/auth.server";
      // export async function loader() { await requireUser(request, context); }
      export async function loader({ request, context }: { request: Request; context: { x: { y: 1 } } }): Promise<Record<string, { a: 1 }>> {
        const text = "await requireUser(request, context) }";
        if (x) { return { a: 1 }; }
        return {};
      }
      export function action({ request }: ActionFunctionArgs) {
        /* await requirePermission(request, context, "users:manage") */
        requireUser(request, context); // not awaited: the promise's rejection would not stop the action
        return null;
      }
      export async function helper() { await requireUser(request, context); }
      export const loader2 = 1;
      export { other as action };
    `;
    const { handlers, unreadable } = exportedHandlers(sample);
    expect(handlers.map((h) => h.name)).toEqual(["loader", "action"]);
    expect(handlers[0].body).toContain("return {};");
    expect(handlers[0].body).not.toContain("export function action");
    expect(guardProblems("sample.tsx", sample)).toEqual([
      "sample.tsx: action: exported from a list",
      "sample.tsx: loader does not await requireUser() or requirePermission()",
      "sample.tsx: action does not await requireUser() or requirePermission()",
    ]);
    expect(unreadable).toEqual(["action: exported from a list"]);
    expect(guardProblems("ok.tsx", `export async function loader({ request, context }: LoaderFunctionArgs) {\n  const user = await requirePermission(request, context, "audit:read");\n  return user.id;\n}`)).toEqual([]);
    expect(guardProblems("inloggen.tsx", "export async function loader() { return null; }")).toHaveLength(1);
  });

  it("every allow-list entry names an existing handler", () => {
    const existing = new Set(files.flatMap((f) => exportedHandlers(fs.readFileSync(path.join(ROUTES_DIR, f.file), "utf8")).handlers.map((h) => `${f.file} ${h.name}`)));
    for (const key of Object.keys(PUBLIC_HANDLERS)) expect(existing, `stale allow-list entry: ${key}`).toContain(key);
  });

  for (const { file } of files) {
    it(file, () => {
      expect(guardProblems(file, fs.readFileSync(path.join(ROUTES_DIR, file), "utf8"))).toEqual([]);
    });
  }
});

// ── URLs from route file names ───────────────────────────────────────────────

/** The URL pattern of a flat route id (":name" for params, "*" for a splat), and whether it is an index route. */
export function routePattern(id: string): { pattern: string; index: boolean } {
  const segments: string[] = [];
  let current = "";
  let escaped = false;
  for (const c of id) {
    if (c === "[" && !escaped) escaped = true;
    else if (c === "]" && escaped) escaped = false;
    else if ((c === "." || c === "/") && !escaped) {
      segments.push(current);
      current = "";
    } else current += escaped ? `\u0000${c}` : c; // \0 marks a literal character
  }
  segments.push(current);
  let index = false;
  const parts: string[] = [];
  for (const raw of segments) {
    const plain = raw.replace(/\u0000/g, "");
    if (raw === "_index") {
      index = true;
      continue;
    }
    if (raw.startsWith("_")) continue; // pathless layout
    let segment = raw.endsWith("_") ? raw.slice(0, -1) : raw; // "foo_" does not nest under foo's layout
    const optional = /^\(.*\)$/.test(segment);
    if (optional) segment = segment.slice(1, -1);
    if (segment === "$") parts.push("*");
    else if (segment.startsWith("$")) parts.push(`:${segment.slice(1)}${optional ? "?" : ""}`);
    else parts.push(plain.replace(/_$/, "").replace(/^\((.*)\)$/, "$1") + (optional ? "?" : ""));
  }
  return { pattern: "/" + parts.join("/"), index };
}

/** Concrete URLs for a pattern: each param and splat once as "1" and once as "x"; optional segments left out. */
function concreteUrls(pattern: string): string[] {
  const fill = (dummy: string) =>
    pattern
      .split("/")
      .filter((s) => !s.endsWith("?"))
      .map((s) => (s.startsWith(":") || s === "*" ? dummy : s))
      .join("/") || "/";
  return [...new Set([fill("1"), fill("x")])];
}

type BuildRoute = { id: string; parentId?: string; path?: string; index?: boolean };

/** The full path Remix gives a route in the build, in the same notation as routePattern. */
function builtPattern(routes: Record<string, BuildRoute>, id: string): string {
  const parts: string[] = [];
  for (let r: BuildRoute | undefined = routes[id]; r; r = r.parentId ? routes[r.parentId] : undefined) if (r.path) parts.unshift(r.path);
  return "/" + parts.join("/").replace(/\/+/g, "/").replace(/^\//, "");
}

describe("deriving URLs from route file names", () => {
  it("handles the flat-route conventions", () => {
    expect(routePattern("_index")).toEqual({ pattern: "/", index: true });
    expect(routePattern("tafels.$slug")).toEqual({ pattern: "/tafels/:slug", index: false });
    expect(routePattern("beheer.gebruikers._index")).toEqual({ pattern: "/beheer/gebruikers", index: true });
    expect(routePattern("_auth.inloggen")).toEqual({ pattern: "/inloggen", index: false });
    expect(routePattern("beheer_.audit.$id")).toEqual({ pattern: "/beheer/audit/:id", index: false });
    expect(routePattern("bestanden.$")).toEqual({ pattern: "/bestanden/*", index: false });
    expect(routePattern("sitemap[.]xml")).toEqual({ pattern: "/sitemap.xml", index: false });
    expect(routePattern("($taal).over")).toEqual({ pattern: "/:taal?/over", index: false });
    expect(concreteUrls("/tafels/:slug/casussen/:id")).toEqual(["/tafels/1/casussen/1", "/tafels/x/casussen/x"]);
    expect(concreteUrls("/:taal?/over")).toEqual(["/over"]);
    expect(concreteUrls("/")).toEqual(["/"]);
  });

  it("agrees with the Remix build for every route file", async () => {
    const build = (await import(pathToFileURL(path.resolve("build/index.js")).href)) as { routes: Record<string, BuildRoute> };
    for (const { id } of routeFiles()) {
      const route = build.routes[`routes/${id}`];
      expect(route, `routes/${id} is not in the build: run npx remix build`).toBeDefined();
      expect(builtPattern(build.routes, route.id), id).toBe(routePattern(id).pattern);
      expect(Boolean(route.index), id).toBe(routePattern(id).index);
    }
  });
});

// ── Against a running portal ─────────────────────────────────────────────────

let t: TestPortal;
beforeAll(async () => {
  t = await startPortal();
});
afterAll(() => t?.close());

/** Follows redirects (HTTP and Remix's X-Remix-Redirect) by hand; every hop's status and location. */
async function anonymousChain(url: string, init: RequestInit = {}): Promise<{ status: number; path: string; body: string }[]> {
  const hops: { status: number; path: string; body: string }[] = [];
  let next: string | null = url;
  let request = init;
  while (next && hops.length < 5) {
    const response: Response = await fetch(new URL(next, t.url), { ...request, redirect: "manual" });
    const location: string | null = response.headers.get("x-remix-redirect") ?? response.headers.get("location");
    hops.push({ status: response.status, path: next, body: await response.text() });
    next = location && /^(30[1-8]|204)$/.test(String(response.status)) ? location : null;
    request = {}; // redirects are followed with a plain GET
  }
  return hops;
}

const isLogin = (p: string) => new URL(p, "http://x").pathname === "/inloggen";

/** Routes anyone may call, with what they answer: nothing else may answer an anonymous request with 200. */
const PUBLIC_ROUTES: Record<string, { get: (r: Response, body: string) => void; post: (r: Response, body: string) => void }> = {
  inloggen: {
    get: (r, body) => {
      expect(r.status).toBe(200);
      expect(body).toContain("<h1>Inloggen</h1>");
    },
    // The login form answers with its own Dutch errors, not with data.
    post: (r, body) => {
      expect(r.status).toBe(200);
      expect(body).toContain("<h1>Inloggen</h1>");
      expect(body).toContain("Dit veld is verplicht.");
    },
  },
  // Account links: without a valid token only the Dutch "expired" page, no account and no data.
  "activeren.$token": {
    get: (r, body) => {
      expect(r.status).toBe(200);
      expect(body).toContain("Deze link is verlopen of al gebruikt.");
    },
    post: (r, body) => {
      expect(r.status).toBe(200);
      expect(body).toContain("Deze link is verlopen of al gebruikt.");
    },
  },
  "wachtwoord-herstellen.$token": {
    get: (r, body) => {
      expect(r.status).toBe(200);
      expect(body).toContain("Deze link is verlopen of al gebruikt.");
    },
    post: (r, body) => {
      expect(r.status).toBe(200);
      expect(body).toContain("Deze link is verlopen of al gebruikt.");
    },
  },
  "wachtwoord-vergeten": {
    get: (r, body) => {
      expect(r.status).toBe(200);
      expect(body).toContain("<h1>Wachtwoord vergeten</h1>");
    },
    post: (r, body) => {
      expect(r.status).toBe(200);
      expect(body).toContain("<h1>Wachtwoord vergeten</h1>");
    },
  },
  // Unknown addresses: the 404 page in the layout, no data.
  $: {
    get: (r, body) => {
      expect(r.status).toBe(404);
      expect(body).toContain("Pagina niet gevonden");
    },
    post: (r) => expect(r.status).toBe(405),
  },
  // Without a valid feed token: nothing, and not even a hint that the route exists.
  "agenda.feed.$file": {
    get: (r, body) => {
      expect(r.status).toBe(404);
      expect(body).not.toMatch(/BEGIN:VCALENDAR/);
    },
    post: (r) => expect(r.status).toBe(405),
  },
  "api.v1.openapi[.]json": {
    get: (r, body) => {
      expect(r.status).toBe(200);
      expect(JSON.parse(body).openapi).toMatch(/^3\.1\./);
    },
    post: (r) => expect(r.status).toBe(405),
  },
};

const FORM_POST = (origin: string): RequestInit => ({
  method: "POST",
  redirect: "manual",
  headers: { Origin: origin, "Content-Type": "application/x-www-form-urlencoded" },
  body: new URLSearchParams({ naam: "x", id: "1", tableId: "1" }),
});

describe("dynamic: without a session", () => {
  const cases = routeFiles().map(({ id, file }) => ({ id, file, ...routePattern(id) }));

  it("every public route in the list exists", () => {
    for (const id of Object.keys(PUBLIC_ROUTES)) expect(cases.map((c) => c.id)).toContain(id);
  });

  for (const { id, file, pattern, index } of cases) {
    const publicRoute = PUBLIC_ROUTES[id];
    const dataUrl = (url: string) => `${url}${url.includes("?") ? "&" : "?"}_data=${encodeURIComponent(`routes/${id}`)}`;

    if (publicRoute) {
      it(`GET and POST ${pattern} (${file}) answer as a public route should`, async () => {
        for (const url of concreteUrls(pattern)) {
          const get = await fetch(t.url + url, { redirect: "manual" });
          publicRoute.get(get, await get.text());
          const post = await fetch(t.url + (index ? `${url}?index` : url), FORM_POST(t.url));
          publicRoute.post(post, await post.text());
        }
      });
      continue;
    }

    if (isApiRoute(file)) {
      it(`GET and POST ${pattern} (${file}) answer 401 without a token, also with a session cookie`, async () => {
        const session = await loggedIn(t.url, "admin@regiotafel.test");
        for (const url of concreteUrls(pattern)) {
          const attempts: [string, RequestInit][] = [
            [url, { redirect: "manual" }],
            [dataUrl(url), { redirect: "manual" }],
            [url, FORM_POST(t.url)],
            [url, { redirect: "manual", headers: { Cookie: session.cookie } }],
            [url, { redirect: "manual", headers: { Authorization: "Bearer geen-echt-token" } }],
          ];
          for (const [target, init] of attempts) {
            const response = await fetch(t.url + target, init);
            const where = `${init.method ?? "GET"} ${target}`;
            expect(response.status, where).toBe(401);
            expect(response.headers.get("www-authenticate"), where).toMatch(/^Bearer/);
            expect((await response.json()).error, where).toBe("unauthorized");
          }
        }
      });
      continue;
    }

    it(`GET ${pattern} (${file}) ends at the login page, never 200 with data or a 5xx`, async () => {
      for (const url of concreteUrls(pattern)) {
        for (const target of [url, dataUrl(url)]) {
          const hops = await anonymousChain(target);
          const where = `${target}: ${hops.map((h) => `${h.status} ${h.path}`).join(" → ")}`;
          for (const hop of hops) expect(hop.status, where).toBeLessThan(500);
          // The first answer is a redirect; so is every answer until the login page.
          expect([204, 302], where).toContain(hops[0].status);
          const last = hops.at(-1)!;
          expect(isLogin(last.path), where).toBe(true);
          expect(last.status, where).toBe(200);
          for (const hop of hops.slice(0, -1)) expect([204, 302], where).toContain(hop.status);
          if (!target.includes("_data")) expect(last.body, where).toContain("<h1>Inloggen</h1>");
        }
      }
    });

    it(`POST ${pattern} (${file}) is refused with a redirect to login or 405, never 200 or a 5xx`, async () => {
      for (const url of concreteUrls(pattern)) {
        const target = index ? `${url}?index` : url;
        const response = await fetch(t.url + target, FORM_POST(t.url));
        const where = `POST ${target}: ${response.status} ${response.headers.get("location") ?? ""}`;
        expect([302, 405], where).toContain(response.status);
        if (response.status === 302) expect(isLogin(response.headers.get("location")!), where).toBe(true);
      }
    });
  }
});

// ── Roles ────────────────────────────────────────────────────────────────────

/** Texts only one kind of home page shows. */
const MARKS = {
  chair: "U bent voorzitter van tafel",
  member: "U bent lid van tafel",
  routing: "Naar welke regiotafel?",
  national: "Landelijk netwerk van regiotafels",
  admin: "Auditlog:",
} as const;

type Account = { email: string; home: (keyof typeof MARKS)[]; homeText: string; tableRotterdam: 200 | 404; usersAdmin: 200 | 403 };
const ACCOUNTS: Account[] = [
  { email: "admin@regiotafel.test", home: ["admin"], homeText: "Welkom, Anouk Beheer", tableRotterdam: 404, usersAdmin: 200 },
  { email: "projectleider@regiotafel.test", home: ["national"], homeText: "Welkom, Pieter van Monitor", tableRotterdam: 404, usersAdmin: 403 },
  { email: "voorzitter.rotterdam@regiotafel.test", home: ["chair"], homeText: "U bent voorzitter van tafel Rotterdam-Rijnmond", tableRotterdam: 200, usersAdmin: 403 },
  { email: "lid.rotterdam@regiotafel.test", home: ["member"], homeText: "U bent lid van tafel Rotterdam-Rijnmond", tableRotterdam: 200, usersAdmin: 403 },
  { email: "voorzitter.denhaag@regiotafel.test", home: ["chair"], homeText: "U bent voorzitter van tafel Den Haag", tableRotterdam: 404, usersAdmin: 403 },
  { email: "zorgbemiddeling.vgz@regiotafel.test", home: ["routing"], homeText: "Welkom, Zorgbemiddelaar VGZ", tableRotterdam: 404, usersAdmin: 403 },
  { email: "adviseur.vgz@regiotafel.test", home: ["routing"], homeText: "Welkom, Medisch adviseur VGZ", tableRotterdam: 404, usersAdmin: 403 },
  { email: "verwijzer.parnassia@regiotafel.test", home: ["routing"], homeText: "Welkom, Verwijzer Parnassia", tableRotterdam: 404, usersAdmin: 403 },
];

/** The page as a user would compare it: without the per-response CSP nonce. */
const withoutNonce = (html: string) => html.replace(/nonce="[^"]*"/g, 'nonce=""');

describe("role matrix", () => {
  for (const account of ACCOUNTS) {
    describe(account.email, () => {
      it("GET / shows this role's home and no other role's", async () => {
        const client = await loggedIn(t.url, account.email);
        const response = await client.get("/");
        expect(response.status).toBe(200);
        const html = await pageText(response);
        expect(html).toContain(account.homeText);
        for (const [mark, text] of Object.entries(MARKS)) {
          if (account.home.includes(mark as keyof typeof MARKS)) expect(html, mark).toContain(text);
          else expect(html, `${account.email} should not see "${text}"`).not.toContain(text);
        }
      });

      it(`GET /tafels/rotterdam → ${account.tableRotterdam}`, async () => {
        const client = await loggedIn(t.url, account.email);
        const response = await client.get("/tafels/rotterdam");
        expect(response.status).toBe(account.tableRotterdam);
        const html = await pageText(response);
        if (account.tableRotterdam === 200) {
          expect(html).toContain("<h1>Tafel Rotterdam-Rijnmond</h1>");
          expect(html).toContain("Vlaardingen");
        } else {
          // Nothing of the table leaks through the error page.
          expect(html).toContain("Deze pagina bestaat niet of u heeft er geen toegang toe.");
          for (const secret of ["Vlaardingen", "Tafellid Rotterdam-Rijnmond", "IrisZorg", "Werkgebied"]) expect(html).not.toContain(secret);
        }
      });

      it(`GET /beheer/gebruikers → ${account.usersAdmin}`, async () => {
        const client = await loggedIn(t.url, account.email);
        const response = await client.get("/beheer/gebruikers");
        expect(response.status).toBe(account.usersAdmin);
      });
    });
  }

  it("another table's page and a table that does not exist answer exactly alike", async () => {
    const client = await loggedIn(t.url, "voorzitter.denhaag@regiotafel.test");
    const other = await client.get("/tafels/rotterdam");
    const missing = await client.get("/tafels/bestaat-niet");
    const malformed = await client.get("/tafels/%3Cscript%3E");
    expect([other.status, missing.status, malformed.status]).toEqual([404, 404, 404]);
    const [a, b, c] = [withoutNonce(await other.text()), withoutNonce(await missing.text()), withoutNonce(await malformed.text())];
    expect(b).toBe(a);
    expect(c).toBe(a);
  });

  it("a refused table page is written to the audit log as access.denied", async () => {
    const client = await loggedIn(t.url, "lid.amsterdam@regiotafel.test");
    expect((await client.get("/tafels/limburg")).status).toBe(404);
    const denied = t.portal.services.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "access.denied"), eq(auditEvents.userEmail, "lid.amsterdam@regiotafel.test"), like(auditEvents.detail, "%/tafels/limburg%")))
      .all();
    expect(denied).toHaveLength(1);
    expect(denied[0].outcome).toBe("denied");
    expect(denied[0].detail).toBe("table:read /tafels/limburg");
  });

  it("the data request behind client navigation is refused the same way", async () => {
    const client = await loggedIn(t.url, "projectleider@regiotafel.test");
    const response = await client.get(`/tafels/rotterdam?_data=${encodeURIComponent("routes/tafels.$slug")}`);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain("Vlaardingen");
    const own = await loggedIn(t.url, "lid.rotterdam@regiotafel.test");
    const ok = await own.get(`/tafels/rotterdam?_data=${encodeURIComponent("routes/tafels.$slug")}`);
    expect(ok.status).toBe(200);
    expect((await ok.json()).table.slug).toBe("rotterdam");
  });
});

// ── socket.io events ─────────────────────────────────────────────────────────

describe("static: every socket.io event passes through the guard", () => {
  const source = fs.readFileSync(path.join(ROUTES_DIR, "../../server/sockets.ts"), "utf8");
  /** Events that touch nothing but the socket itself, with why. */
  const SELF_ONLY: Record<string, string> = {
    "room:leave": "only takes the socket out of a room it is in",
    disconnect: "only tells the rooms it left who is still there",
  };
  /** Each `socket.on("event", …)` with its handler text, up to the next socket.on or the end of the connection block. */
  const events = [...source.matchAll(/socket\.on\(\s*"([^"]+)"/g)].map((m, i, all) => ({
    name: m[1],
    body: source.slice(m.index!, all[i + 1]?.index ?? source.length),
  }));

  it("finds the events", () => {
    expect(events.map((e) => e.name)).toEqual(expect.arrayContaining(["room:join", "room:message", "room:leave", "disconnect"]));
  });

  it("authenticates every connection from the session cookie, also on recovery", () => {
    expect(source).toMatch(/io\.use\(\s*async/);
    expect(source).toMatch(/authenticateCookieHeader\(/);
    expect(source).not.toMatch(/connectionStateRecovery\s*:\s*\{[^}]*skipMiddlewares\s*:\s*true/);
  });

  for (const { name } of [...source.matchAll(/socket\.on\(\s*"([^"]+)"/g)].map((m) => ({ name: m[1] }))) {
    it(`${name}: re-checks the session and case access, validates its payload`, () => {
      const event = events.find((e) => e.name === name)!;
      if (SELF_ONLY[name]) {
        expect(event.body, `${name}: ${SELF_ONLY[name]}`).not.toMatch(/storeMessage|audit\(|broadcastMessage/);
        return;
      }
      expect(event.body, `${name} must re-read the session`).toMatch(/await\s+currentUser\(\s*socket\s*\)/);
      expect(event.body, `${name} must check case access with the consent in force`).toMatch(/checkCaseAccess\(/);
      expect(event.body, `${name} must validate its payload with zod`).toMatch(/Schema\.safeParse\(payload\)/);
    });
  }
});
