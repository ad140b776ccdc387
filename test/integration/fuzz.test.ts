// Fuzzing every boundary (security.md, "Input and output (ASVS V5, V14)"): a corpus of hostile
// values (test/helpers/fuzz-corpus.ts) against every route action, the intake API and the case
// room's socket events → 0 accepted, 0 HTTP 5xx, 0 reflected unescaped.
//
// What counts:
// - 5xx: any answer with status ≥ 500 (or a socket event that is never answered).
// - reflected: an HTML answer that contains a markup payload verbatim (React must escape it).
// - accepted: (a) a post made only of junk – an unknown intent, or for a real intent that needs
//   input only values that are invalid in every field (empty, blank, 100 KB, control characters) –
//   answered with a redirect or creating rows; (b) any post after which a stored value holds a
//   control character or 100 KB (no field of the portal may keep one); (c) Object.prototype
//   polluted; (d) an API call or socket event with junk that succeeds or stores something.
// Free text such as "<script>…" is legitimate in a free-text field; storing it is not "accepted
// junk" (showing it unescaped would be "reflected").
//
// The route list is read from app/routes: a new action, or a new intent of an existing one, fails
// the coverage test until it is described in ROUTES below. Field names come from the route's
// source (name="…", formData.get("…"), zod object keys of the schemas it imports) plus the names
// listed here for fields the source builds at run time.
//
// While debugging: FUZZ_ONLY=<route file prefix> fuzzes only those routes (the summary then fails
// on its minimum counts), FUZZ_TRACE=1 prints every answer's status.
import { createHash, randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type Database from "better-sqlite3";
import { eq } from "drizzle-orm";
import { io as connect, type Socket } from "socket.io-client";
import { apiTokens, caseMessages, cases, organisations, regionalTables, users } from "#db/schema";
import type { CaseEvent } from "~/domain/case-lifecycle";
import { ReferralSchema } from "~/domain/referral-schema";
import { stepOfField } from "~/domain/referral-form";
import { applyCaseEvent, saveAssessment } from "~/models/cases.server";
import { addAgendaItem, createMeetings, getMeeting } from "~/models/meetings.server";
import { createReferral } from "~/models/referrals.server";
import {
  CONTROL_TEXT,
  FORM_CORPUS,
  HUGE,
  IMG_BREAKOUT,
  INVALID_EVERYWHERE,
  JSON_WRONG_TYPES,
  MARKUP,
  NUL_TEXT,
  POISON,
  RAW_JSON_BODIES,
  SCRIPT_TAG,
  SMALL,
  deepArray,
  deepObject,
  hashSeed,
  isInvalidEverywhere,
  isPoisonText,
  manyKeys,
  reflectedMarkup,
  sample,
  seededRandom,
  withOwnKey,
  type CorpusEntry,
} from "../helpers/fuzz-corpus";
import { Client, startPortal, type TestPortal } from "../helpers/portal";
import { baseReferral, validReferral } from "../helpers/referral-payload";
import { amsterdamInDays } from "../helpers/dates";

let t: TestPortal;
const db = () => t.portal.services.db;

const ADMIN = "admin@regiotafel.test";
const CHAIR = "voorzitter.rotterdam@regiotafel.test";
const REFERRER = "zorgbemiddeling.vgz@regiotafel.test";
const ORIGIN = { ip: "127.0.0.1", userAgent: "vitest fuzz" };

const VALUES_PER_FIELD = 8;
const VALUES_PER_INTENT = 5;

// ── Findings ─────────────────────────────────────────────────────────────────

type Finding = { where: string; what: string };
const tally = { requests: 0, socketEvents: 0, escapedEchoes: 0 };
const serverErrors: Finding[] = [];
const reflected: Finding[] = [];
const accepted: Finding[] = [];

const short = (value: string, n = 60) => {
  const shown = value.length > n ? `${value.slice(0, n)}… (${value.length} tekens)` : value;
  return JSON.stringify(shown);
};

// ── The database, watched around every request ──────────────────────────────

/**
 * Row counts of every table, and stored values with control characters or 100 KB.
 *
 * Scanning every text column of every table after each of the ~3,500 requests cost a third of the
 * file's time. Temporary triggers (on the portal's own connection, which is the only one: it runs
 * in this process; nothing is written to the database file's schema) note each inserted or updated
 * row, and after a request only those rows are scanned. fullScan() still reads everything: each
 * test ends with it, so a write the triggers did not see would be found there.
 */
class DbWatch {
  private tables: string[];
  private countAll: Database.Statement;
  private scans: { table: string; touched: Database.Statement; all: Database.Statement }[];
  private takeTouched: Database.Statement;
  private clearTouched: Database.Statement;
  private known = new Set<string>();

  constructor(private sqlite: Database.Database) {
    this.tables = (sqlite.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%' order by name").all() as { name: string }[]).map((r) => r.name);
    this.countAll = sqlite.prepare(`select ${this.tables.map((name) => `(select count(*) from "${name}") as "${name}"`).join(", ")}`);
    sqlite.exec("create temp table if not exists fuzz_touched (tbl text not null, row_id integer not null, primary key (tbl, row_id)) without rowid");
    this.scans = [];
    for (const table of this.tables) {
      if (table === "sessions") continue;
      const columns = (sqlite.prepare(`pragma table_info("${table}")`).all() as { name: string; type: string }[]).filter((c) => /text|blob|^$/i.test(c.type));
      if (!columns.length) continue;
      const blob = (c: string) => `cast("${c}" as blob)`;
      const condition = columns
        .map((c) =>
          [
            ...["00", "01", "07", "08", "1b", "7f"].map((byte) => `instr(${blob(c.name)}, x'${byte}') > 0`),
            // JSON columns keep control characters escaped
            `instr("${c.name}", '\\u000') > 0`,
            `instr("${c.name}", '\\u001') > 0`,
            `length(${blob(c.name)}) >= ${100 * 1024}`,
          ].join(" or "),
        )
        .join(" or ");
      const select = `select rowid as row_id, ${columns.map((c) => `"${c.name}"`).join(", ")} from "${table}"`;
      for (const event of ["insert", "update"]) {
        sqlite.exec(`create temp trigger if not exists "fuzz_${event}_${table}" after ${event} on main."${table}" begin insert or ignore into fuzz_touched values ('${table}', new.rowid); end`);
      }
      this.scans.push({
        table,
        touched: sqlite.prepare(`${select} where rowid in (select row_id from temp.fuzz_touched where tbl = ?) and (${condition})`),
        all: sqlite.prepare(`${select} where ${condition}`),
      });
    }
    this.takeTouched = sqlite.prepare("select distinct tbl from temp.fuzz_touched");
    this.clearTouched = sqlite.prepare("delete from temp.fuzz_touched");
  }

  counts(): Record<string, number> {
    return this.countAll.get() as Record<string, number>;
  }

  /** Rows written since the last call that hold poison not seen before: "table#rowid column=value". */
  newPoison(): string[] {
    const tables = new Set((this.takeTouched.all() as { tbl: string }[]).map((r) => r.tbl));
    const found = this.scans.filter((scan) => tables.has(scan.table)).flatMap((scan) => this.unseen(scan.table, scan.touched.all(scan.table) as Record<string, unknown>[]));
    this.clearTouched.run();
    return found;
  }

  /** Every row of every table: poison not seen before, however it got there. */
  fullScan(): string[] {
    const found = this.scans.flatMap((scan) => this.unseen(scan.table, scan.all.all() as Record<string, unknown>[]));
    this.clearTouched.run();
    return found;
  }

  private unseen(table: string, rows: Record<string, unknown>[]): string[] {
    const found: string[] = [];
    for (const row of rows) {
      const text = Object.entries(row)
        .filter(([k, v]) => k !== "row_id" && typeof v === "string" && (isPoisonText(v) || /\\u00[01]/.test(v)))
        .map(([k, v]) => `${k}=${short(String(v), 40)}`)
        .join(", ");
      const signature = `${table}#${row.row_id} ${text}`;
      if (this.known.has(signature)) continue;
      this.known.add(signature);
      found.push(signature);
    }
    return found;
  }
}

let watch: DbWatch;

/** The whole database once more, at the end of a test: poison its requests stored that the per-request check missed. */
function fullScanAfter(where: string) {
  for (const row of watch.fullScan()) accepted.push({ where: `${where} (volledige scan)`, what: `opgeslagen met stuurtekens of 100 KB: ${row}` });
}
/** Tables whose growth is not a sign of acceptance: views are audited, logins make sessions. */
const NOT_CREATION = new Set(["audit_events", "sessions"]);

function createdRows(before: Record<string, number>, after: Record<string, number>): string[] {
  return Object.keys(after)
    .filter((table) => !NOT_CREATION.has(table) && after[table] > before[table])
    .map((table) => `${table} +${after[table] - before[table]}`);
}

/** As React escapes text and attribute values. */
const escapeHtml = (v: string) => v.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;").replaceAll("'", "&#x27;");

function prototypePolluted(): string | null {
  const probe = {} as Record<string, unknown>;
  for (const key of ["polluted", "name", "caseId", "isAdmin"]) if (key in probe) return key;
  return Object.getOwnPropertyNames(Object.prototype).find((k) => !BASE_PROTOTYPE_KEYS.has(k)) ?? null;
}
const BASE_PROTOTYPE_KEYS = new Set(Object.getOwnPropertyNames(Object.prototype));

// ── Reading the routes ───────────────────────────────────────────────────────

const ROUTES_DIR = path.resolve("app/routes");
const APP_DIR = path.resolve("app");

function routeFiles(): string[] {
  const files: string[] = [];
  for (const entry of fs.readdirSync(ROUTES_DIR, { withFileTypes: true })) {
    if (entry.name.startsWith(".") || /\.test\./.test(entry.name)) continue;
    if (entry.isFile() && /\.(tsx?|jsx?)$/.test(entry.name)) files.push(entry.name);
    else if (entry.isDirectory()) {
      const route = fs.readdirSync(path.join(ROUTES_DIR, entry.name)).find((f) => /^route\.(tsx?|jsx?)$/.test(f));
      if (route) files.push(`${entry.name}/${route}`);
    }
  }
  return files.sort();
}

const EXPORTS_ACTION = /export\s+(?:async\s+)?function\s+action\b|export\s+(?:const|let)\s+action\b|export\s*\{[^}]*\baction\b[^}]*\}/;
const actionRouteFiles = () => routeFiles().filter((f) => EXPORTS_ACTION.test(fs.readFileSync(path.join(ROUTES_DIR, f), "utf8")));

/** The text of `export const|function <name>` up to the next top-level export. */
function exportSegment(source: string, name: string): string {
  const start = new RegExp(`export\\s+(?:const|function|async function)\\s+${name}\\b`).exec(source);
  if (!start) return "";
  const rest = source.slice(start.index + 1);
  const end = rest.search(/\nexport\s/);
  return end === -1 ? rest : rest.slice(0, end);
}

/** The source a route's fields and intents come from: the route and what it imports from form modules in app/lib and app/domain. */
function routeSources(file: string): { route: string; imported: string; modules: string } {
  let route = fs.readFileSync(path.join(ROUTES_DIR, file), "utf8");
  // A page split into its own component folder (the referral wizard's steps): its forms are the route's.
  for (const m of route.matchAll(/from\s*"~\/components\/([\w-]+\/[\w.-]+)"/g)) {
    const candidate = path.join(ROUTES_DIR, "..", "components", `${m[1]}.tsx`);
    if (fs.existsSync(candidate)) route += "\n" + fs.readFileSync(candidate, "utf8");
  }
  let imported = "";
  let modules = "";
  const read = new Set<string>();
  // Form modules live in lib or (pure ones) in domain: a module moved between layers stays read. A
  // form module's own schemas may come from a schema module in domain: those are read as well.
  const follow = (source: string, pattern: RegExp) => {
    for (const m of source.matchAll(/import\s*\{([^}]*)\}\s*from\s*"~\/(lib|domain)\/([\w.-]+)"/g)) {
      const module = m[3];
      if (!pattern.test(module)) continue;
      const candidates = [`${module}.ts`, `${module}.tsx`].map((f) => path.join(APP_DIR, m[2], f)).filter((f) => fs.existsSync(f));
      if (!candidates.length) continue;
      const text = fs.readFileSync(candidates[0], "utf8");
      if (!read.has(candidates[0])) modules += text;
      read.add(candidates[0]);
      for (const spec of m[1].split(",")) {
        const name = spec.replace(/^\s*type\s+/, "").split(/\s+as\s+/)[0].trim();
        if (name) imported += exportSegment(text, name) + "\n";
      }
      follow(text, /-schema$/);
    }
  };
  follow(route, /form|case-room/);
  return { route, imported, modules };
}

/** Top-level keys of every z.object({…}) in the text (shorthand keys included). */
function zodObjectKeys(text: string): string[] {
  const keys: string[] = [];
  for (const m of text.matchAll(/\bobject\(\s*\{/g)) {
    let depth = 0;
    let segment = "";
    const segments: string[] = [];
    for (let i = m.index! + m[0].length - 1; i < text.length; i++) {
      const c = text[i];
      if ("({[".includes(c) && ++depth === 1) continue;
      if (")}]".includes(c) && --depth === 0) break;
      if (depth === 1 && c === ",") {
        segments.push(segment);
        segment = "";
      } else segment += c;
    }
    segments.push(segment);
    for (const s of segments) {
      const key = /^\s*(?:"([^"]+)"|([A-Za-z_]\w*))\s*(?::|$)/.exec(s);
      if (key) keys.push(key[1] ?? key[2]);
    }
  }
  return keys;
}

function discoveredFields(file: string): string[] {
  const { route, imported } = routeSources(file);
  const fields = new Set<string>();
  for (const m of route.matchAll(/\bname="([^"]+)"/g)) fields.add(m[1]);
  for (const m of route.matchAll(/\bname=\{`([^`]+)`\}/g)) fields.add(m[1].replace(/\$\{[^}]+\}/g, "0"));
  for (const text of [route, imported]) {
    for (const m of text.matchAll(/formData\.(?:get|getAll|has)\(\s*"([^"]+)"\s*\)/g)) fields.add(m[1]);
    for (const key of zodObjectKeys(text)) fields.add(key);
  }
  fields.delete("intent");
  return [...fields].sort();
}

function quoted(list: string): string[] {
  return [...list.matchAll(/"([^"]+)"/g)].map((m) => m[1]);
}

/** Intent values a route's source offers or accepts (fixed strings only). */
function discoveredIntents(file: string): string[] {
  const { route, imported, modules } = routeSources(file);
  const intents = new Set<string>();
  for (const m of route.matchAll(/name="intent"\s+value="([^"]+)"/g)) intents.add(m[1]);
  for (const text of [route, imported]) {
    for (const m of text.matchAll(/intent:\s*z\.literal\("([^"]+)"\)/g)) intents.add(m[1]);
    for (const m of text.matchAll(/z\.enum\(\s*\[([^\]]*)\]/g)) if (/Intent/.test(text.slice(Math.max(0, m.index! - 80), m.index))) for (const v of quoted(m[1])) intents.add(v);
    for (const m of text.matchAll(/z\.enum\(\s*([A-Z][A-Z_]*INTENTS)\b/g)) {
      const list = new RegExp(`${m[1]}\\s*=\\s*\\[([^\\]]*)\\]`).exec(route + modules);
      if (list) for (const v of quoted(list[1])) intents.add(v);
    }
  }
  return [...intents].sort();
}

// ── What each action route is, who may use it, and which fields each intent reads ──

type Role = "admin" | "chair" | "referrer" | "member" | "project_leader" | "anonymous" | "logout";
type RouteSpec = {
  as?: Role;
  url?: () => string;
  /** intent → the fields it reads ("*": every field of the route). */
  intents?: Record<string, string[] | "*">;
  /** Intents that need no input: a redirect after a junk post is their normal answer. */
  inputFree?: string[];
  /** Intents that end what the page is about (cancel, close, discard): sent last. */
  terminal?: string[];
  /** Terminal intents that always succeed and make the page 404 (discard): sent once, as the very last post. */
  once?: string[];
  /** Fields the source builds at run time, so the scan cannot see them. */
  fields?: string[];
  /** Pairs sent along with a fuzzed field (the draft's step number, so the field is saved). */
  extraPairs?: (field: string) => [string, string][];
  /** The route reads no input at all (logging out, starting an empty draft). */
  noInput?: true;
  /** Token-authenticated JSON routes, fuzzed in the API test. */
  api?: true;
};

const ids = {
  victimUserId: "",
  screeningCase: 0,
  planCase: 0,
  arrangementCase: 0,
  consentCase: 0,
  progressCase: 0,
  roomCase: 0,
  meetingA: 0,
  meetingB: 0,
  itemB: 0,
  draftId: 0,
};

const CRITERIA = [1, 2, 3, 4, 5, 6, 7].flatMap((n) => [`verdict_${n}`, `motivation_${n}`]);
const MINUTES = ["discussion", "decisions", "actions.0.description", "actions.0.ownerOrganisationId", "actions.0.dueDate"];
const PROPOSAL = [
  "description",
  "periodStart",
  "periodEnd",
  "costEstimate",
  "providerIds",
  "financierIds",
  "componentRows",
  ...["kind", "description", "legalDomain", "fundingInstrument", "providerOrganisationId", "financierOrganisationId"].map((f) => `components.0.${f}`),
];
const CONSENT = [
  "givenBy",
  "representativeKind",
  "representativeName",
  "patientIncompetent",
  "higherRanksUnavailable",
  "method",
  "givenOn",
  "scopeOrganisationTypes",
  "scopeOrganisationIds",
  "excludedPersons.0.name",
  "excludedPersons.0.email",
];

const SHORTFALL = ["careFunction", "functionOther", "kind", "bottleneck", "waitingWeeks", "peopleWaiting", "justification", "status", "caseIds"];

const ROUTES: Record<string, RouteSpec> = {
  "agenda.abonnement.tsx": { as: "chair", url: () => "/agenda/abonnement", intents: { create: [], revoke: [] }, inputFree: ["create", "revoke"] },
  "beheer.api-tokens.tsx": { as: "admin", url: () => "/beheer/api-tokens", intents: { issue: ["organisationId", "name"], revoke: ["tokenId"] } },
  "beheer.gebruikers.$userId.tsx": {
    as: "admin",
    url: () => `/beheer/gebruikers/${ids.victimUserId}`,
    intents: { deactivate: [], reactivate: [], send_password_link: [], add_membership: ["role", "tableId"], remove_membership: ["membershipId"], reset_totp: [] },
    inputFree: ["deactivate", "reactivate", "reset_totp", "send_password_link"],
    terminal: ["deactivate"],
  },
  "beheer.gebruikers.nieuw.tsx": { as: "admin", url: () => "/beheer/gebruikers/nieuw" },
  "beheer.inlogpogingen.tsx": { as: "admin", url: () => "/beheer/inlogpogingen", intents: { release: ["email"] } },
  "beheer.gemeenten.tsx": {
    as: "admin",
    url: () => "/beheer/gemeenten?gemeente=GM0355",
    intents: { set_contact: ["code", "name", "email"], remove_contact: ["code"], set_exception: ["code", "tableId", "label"], remove_exception: ["code"] },
  },
  "beheer.organisaties.tsx": {
    as: "admin",
    url: () => "/beheer/organisaties",
    intents: { create: ["name", "type"], update: ["organisationId", "name", "type"], deactivate: ["organisationId"], reactivate: ["organisationId"] },
  },
  "bijeenkomsten.$meetingId.tsx": {
    as: "chair",
    url: () => `/bijeenkomsten/${ids.meetingA}`,
    intents: { respond: ["response"], add_item: ["caseId", "startTime", "durationMinutes"], remove_item: ["itemId"], invite_guest: ["email", "itemIds", "accessUntil"], move: ["date", "startTime"], cancel: ["bevestigd"] },
    inputFree: ["cancel"],
    terminal: ["cancel"],
  },
  "bijeenkomsten.$meetingId_.agendapunt.$itemId.tsx": {
    as: "chair",
    url: () => `/bijeenkomsten/${ids.meetingB}/agendapunt/${ids.itemB}`,
    intents: { save: MINUTES, close: MINUTES, remove_action: ["actionId"] },
    fields: MINUTES,
    inputFree: ["save", "close"],
    terminal: ["close"],
  },
  "casussen.$caseId.tsx": {
    as: "chair",
    url: () => `/casussen/${ids.screeningCase}`,
    intents: { start_screening: [], save_screening: CRITERIA, include: [], not_include: ["reason"], redirect: ["targetTableId", "reason"], request_information: ["question"], advisor_assessment: CRITERIA },
    fields: CRITERIA,
    inputFree: ["start_screening", "include"],
    terminal: ["include", "not_include", "redirect", "request_information"],
  },
  // The referrer's answer to a table's question: a multipart post (text and files).
  "verwijzingen.$caseId.tsx": { as: "referrer", url: () => `/verwijzingen/${ids.consentCase}`, fields: ["antwoord"] },
  "casussen.$caseId_.arrangementen.tsx": {
    as: "chair",
    url: () => `/casussen/${ids.arrangementCase}/arrangementen`,
    intents: {
      propose: PROPOSAL,
      add_component: ["componentRows"],
      approve: ["arrangementId"],
      refuse: ["arrangementId", "refusalReason"],
      contract: ["arrangementId"],
      end: ["arrangementId"],
      request_advisor_check: [],
      advisor_conclusion: ["conclusion", "motivation"],
      arrange_funding: ["sources", "careOfficeId"],
    },
    fields: PROPOSAL,
    inputFree: ["add_component", "request_advisor_check"],
    terminal: ["request_advisor_check"],
  },
  "casussen.$caseId_.overleg.tsx": { as: "chair", url: () => `/casussen/${ids.roomCase}/overleg`, fields: ["clientMessageId", "body"] },
  "casussen.$caseId_.plan.tsx": {
    as: "chair",
    url: () => `/casussen/${ids.planCase}/plan`,
    intents: {
      add_goal: ["lifeDomain", "goal"],
      edit_goal: ["goalId", "lifeDomain", "goal"],
      remove_goal: ["goalId"],
      add_action: ["description", "ownerOrganisationId", "dueDate", "goalId"],
      action_status: ["actionId", "status"],
      agree: [],
      new_version: ["versionReason"],
    },
    inputFree: ["agree"],
    terminal: ["agree"],
  },
  "casussen.$caseId_.toestemming.tsx": {
    as: "chair",
    url: () => `/casussen/${ids.consentCase}/toestemming`,
    intents: { change: CONSENT, withdraw: ["requestedBy", "reason", "bevestigd"], override_grant: ["organisationIds", "reason", "days"], override_end: ["overrideId"] },
    fields: [...CONSENT, "bevestigd"],
    terminal: ["withdraw"],
  },
  "casussen.$caseId_.verloop.tsx": {
    as: "chair",
    url: () => `/casussen/${ids.progressCase}/verloop`,
    intents: {
      escalate: ["level", "escalationReason", "bottleneck", "leaderQuestion", "confirmNoPatientData"],
      place: ["organisationId", "careFunction", "fundingType", "placementStart", "notes"],
      start_follow_up: [],
      close: ["closeKind", "closeReason"],
      add_deadline: ["kind", "deadlineStart", "needsWlz"],
      deadline_met: ["deadlineId", "metOn"],
      carry_over: ["deadlineId", "carryOverReason"],
    },
    inputFree: ["start_follow_up"],
    terminal: ["close"],
  },
  "inloggen.tsx": {
    as: "anonymous",
    url: () => "/inloggen",
    // No intent is the password step; "code" needs the signed cookie of a correct password first.
    intents: { "": ["email", "password", "redirectTo"], code: ["code", "redirectTo"], passkey: ["credential", "redirectTo"], recovery: ["recoveryCode", "redirectTo"], "passkey-options": [], cancel: [] },
    inputFree: ["cancel", "passkey-options"],
  },
  "casussen.$caseId_.advies.tsx": { as: "chair", url: () => `/casussen/${ids.progressCase}/advies`, fields: ["adviceId", "questionAnswer", "fittingOffer", "planSummary", "nextSteps"] },
  "tekorten.tsx": { as: "referrer", url: () => "/tekorten", fields: ["shortfallId", "kind", "text", "responseDate", "contact"] },
  "opschalingen.tsx": { as: "project_leader", url: () => "/opschalingen", fields: ["requestId", "status", "response"] },
  "tafels.$slug_.bijeenkomsten._index.tsx": { as: "chair", url: () => "/tafels/rotterdam/bijeenkomsten" },
  "tafels.$slug_.lessen.tsx": { as: "chair", url: () => "/tafels/rotterdam/lessen" },
  "tafels.$slug_.tekorten.tsx": {
    as: "chair",
    url: () => "/tafels/rotterdam/tekorten",
    intents: { create: SHORTFALL, update: [...SHORTFALL, "id"], publish: ["id", "confirmNoPatientData"] },
  },
  "account.tweede-factor.tsx": {
    as: "member",
    url: () => "/account/tweede-factor",
    intents: {
      enrol: ["secret", "token", "code", "redirectTo"],
      disable: ["code"],
      "passkey-options": [],
      "passkey-add": ["credential", "redirectTo"],
      "passkey-remove": ["passkeyId"],
      "recovery-generate": [],
    },
    inputFree: ["passkey-options", "recovery-generate"],
  },
  "uitloggen.tsx": { as: "logout", url: () => "/uitloggen", noInput: true },
  "meldingen.tsx": { as: "chair", url: () => "/meldingen", intents: { open: ["noticeId"], read_all: [], preference: ["delivery"] }, inputFree: ["read_all"] },
  "beheer.mail._index.tsx": { as: "admin", url: () => "/beheer/mail", intents: { requeue: ["mailId"] } },
  "wachtwoord-vergeten.tsx": { as: "anonymous", url: () => "/wachtwoord-vergeten", fields: ["email"] },
  "activeren.$token.tsx": { as: "anonymous", url: () => "/activeren/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", fields: ["password", "repeat"] },
  "wachtwoord-herstellen.$token.tsx": { as: "anonymous", url: () => "/wachtwoord-herstellen/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", fields: ["password", "repeat"] },
  "verwijzingen.concept.$draftId.tsx": {
    as: "referrer",
    url: () => `/verwijzingen/concept/${ids.draftId}`,
    intents: {
      next: "*",
      submit: [],
      prev: [],
      "goto:2": [],
      propose: [],
      addAttempt: [],
      "removeAttempt:0": [],
      addExcluded: [],
      "removeExcluded:0": [],
      deleteAttachment: ["attachmentId"],
      upload: [],
      discard: ["bevestigd"],
    },
    // "submit" checks the draft as saved; the others save what was typed by design, valid or not.
    inputFree: ["prev", "goto:2", "propose", "addAttempt", "removeAttempt:0", "addExcluded", "removeExcluded:0", "deleteAttachment", "upload", "discard"],
    terminal: ["discard"],
    once: ["discard"],
    fields: ["stap", "bevestigd", "patient.name", "consent.scopeOrganisationIds", "consent.excludedPersons.0.name", "consent.excludedPersons.0.email"],
    // The step a field belongs to, so its value reaches the draft.
    extraPairs: (field) => (field === "stap" ? [] : [["stap", String(stepOfField(field))]]),
  },
  "verwijzingen.nieuw.tsx": { as: "referrer", url: () => "/verwijzingen/nieuw", noInput: true },
  "api.$.ts": { api: true },
  "api.v1.referrals.ts": { api: true },
  "api.v1.referrals.$id.ts": { api: true },
  "api.v1.openapi[.]json.ts": { api: true },
};

// ── Setting up what the routes act on ────────────────────────────────────────

const userRow = (email: string) => db().select().from(users).where(eq(users.email, email)).get()!;
const orgId = (name: string) => db().select().from(organisations).where(eq(organisations.name, name)).get()!.id;

/** A VGZ referral at Rotterdam-Rijnmond, taken through the lifecycle as far as `events` go. */
function caseThrough(name: string, events: CaseEvent[]): number {
  const referrer = userRow(REFERRER);
  const created = createReferral(
    db(),
    ReferralSchema.parse(validReferral({ patient: { name } })),
    { userId: referrer.id, organisationId: referrer.organisationId, via: "form", auditActor: { userId: referrer.id, userEmail: referrer.email, role: "referrer", organisationId: referrer.organisationId } },
    ORIGIN,
  );
  if (!created.ok) throw new Error(`referral refused: ${JSON.stringify(created)}`);
  const chair = userRow(CHAIR);
  const actor = { userId: chair.id, organisationId: chair.organisationId };
  for (const event of events) {
    if (event === "include") {
      saveAssessment(db(), created.caseId, "screening", chair.id, [1, 2, 3, 4, 5, 6, 7].map((criterion) => ({ criterion, verdict: "met" as const, motivation: `Criterium ${criterion} blijkt uit de verwijzing.` })));
    }
    const step = applyCaseEvent(db(), created.caseId, { event }, actor);
    if (!step.ok) throw new Error(`${event}: ${step.error}`);
  }
  return created.caseId;
}

const clients = new Map<Role, Client>();

/** A client that asks for answers without gzip: thousands of pages compressed and unpacked in this one process find nothing more. */
const uncompressed = () => new Client(t.url, { "Accept-Encoding": "identity" });
async function signedIn(email: string): Promise<Client> {
  const client = uncompressed();
  await client.login(email);
  return client;
}

beforeAll(async () => {
  t = await startPortal();
  watch = new DbWatch(db().$client as unknown as Database.Database);
  const rotterdam = db().select().from(regionalTables).where(eq(regionalTables.slug, "rotterdam")).get()!;
  const chair = userRow(CHAIR);

  ids.victimUserId = userRow("lid.limburg@regiotafel.test").id;
  ids.roomCase = db().select().from(cases).where(eq(cases.code, "RT2-2026-001")).get()!.id;
  ids.screeningCase = caseThrough("Fuzz Screening", ["start_screening"]);
  ids.consentCase = caseThrough("Fuzz Toestemming", []);
  ids.planCase = caseThrough("Fuzz Plan", ["start_screening", "include", "schedule", "discuss"]);
  ids.arrangementCase = caseThrough("Fuzz Arrangement", ["start_screening", "include", "schedule", "discuss"]);
  ids.progressCase = caseThrough("Fuzz Verloop", ["start_screening", "include", "schedule", "discuss", "agree_plan", "request_advisor_check", "arrange_funding"]);
  const includedForMeeting = caseThrough("Fuzz Agenda", ["start_screening", "include"]);
  caseThrough("Fuzz Agendeerbaar", ["start_screening", "include"]);

  const future = amsterdamInDays;
  [ids.meetingA] = createMeetings(db(), { tableId: rotterdam.id, title: "Fuzz-bijeenkomst A", starts: [`${future(60)}T08:00:00.000Z`], durationMinutes: 180, location: "Rotterdam", videoUrl: null, createdByUserId: chair.id });
  const startsB = `${future(61)}T08:00:00.000Z`;
  [ids.meetingB] = createMeetings(db(), { tableId: rotterdam.id, title: "Fuzz-bijeenkomst B", starts: [startsB], durationMinutes: 120, location: "Rotterdam", videoUrl: null, createdByUserId: chair.id });
  const item = addAgendaItem(db(), getMeeting(db(), ids.meetingB)!, includedForMeeting, { startsAt: startsB, durationMinutes: 30 }, { userId: chair.id, organisationId: chair.organisationId });
  if (!item.ok) throw new Error(item.error);
  ids.itemB = item.itemId;

  clients.set("admin", await signedIn(ADMIN));
  clients.set("chair", await signedIn(CHAIR));
  clients.set("referrer", await signedIn(REFERRER));
  clients.set("project_leader", await signedIn("projectleider@regiotafel.test"));
  clients.set("logout", await signedIn("lid.rotterdam@regiotafel.test"));
  clients.set("member", await signedIn("lid.brabant@regiotafel.test"));
  clients.set("anonymous", uncompressed());

  // The referrer starts a draft as the page does.
  const started = await clients.get("referrer")!.post("/verwijzingen/nieuw", {});
  const match = /\/verwijzingen\/concept\/(\d+)/.exec(started.headers.get("location") ?? "");
  if (!match) throw new Error(`no draft: ${started.status}`);
  ids.draftId = Number(match[1]);

  // Nothing poisonous in the demo data; what is there now is the baseline.
  watch.fullScan();
});

afterAll(async () => {
  for (const s of openSockets) s.disconnect();
  await t?.close();
});

// ── Sending one request and judging the answer ──────────────────────────────

type Body = { pairs: [string, string | Blob][]; multipart?: boolean };
type Probe = { label: string; body: Body; junkOnly: boolean; phase: number };

/** Connections the server closed after answering without reading a body, retried once. */
let connectionRetries = 0;

async function post(client: Client, url: string, body: Body): Promise<Response> {
  const attempt = () => {
    if (body.multipart) {
      const form = new FormData();
      for (const [k, v] of body.pairs) form.append(k, v);
      return client.request(url, { method: "POST", body: form });
    }
    const params = new URLSearchParams();
    for (const [k, v] of body.pairs) params.append(k, String(v));
    return client.request(url, { method: "POST", body: params });
  };
  try {
    return await attempt();
  } catch (error) {
    // A kept-alive connection the server closed after a previous answer (e.g. a 404 sent before an
    // unread upload); fetch reports it on the next request. One retry on a fresh connection.
    if (!/ECONNRESET|other side closed|socket/i.test(String((error as { cause?: unknown }).cause ?? error))) throw error;
    connectionRetries++;
    return attempt();
  }
}

async function send(where: string, client: Client, url: string, probe: Probe) {
  const before = watch.counts();
  const response = await post(client, url, probe.body);
  tally.requests++;
  const text = await response.text();
  const after = watch.counts();
  const label = `${where} ${probe.label}`;
  if (process.env.FUZZ_TRACE) console.log(response.status, label.slice(0, 150), response.headers.get("connection"));

  if (response.status >= 500) serverErrors.push({ where: label, what: `${response.status}: ${text.replace(/\s+/g, " ").slice(0, 200)}` });
  if (/text\/html/.test(response.headers.get("content-type") ?? "")) {
    const sent = probe.body.pairs.flatMap(([k, v]) => (typeof v === "string" ? [k, v] : [k]));
    for (const payload of reflectedMarkup(text, sent)) reflected.push({ where: label, what: `${short(payload)} staat onge-escaped in de HTML` });
    // The check is not vacuous: pages do show what was typed, escaped.
    if (sent.some((v) => v.includes("<") && (text.includes(escapeHtml(v)) || text.includes(v.replaceAll("<", "\\u003c"))))) tally.escapedEchoes++;
  }
  const isRedirect = response.status >= 300 && response.status < 400;
  const created = createdRows(before, after);
  if (probe.junkOnly && (isRedirect || created.length)) {
    accepted.push({ where: label, what: `alleen ongeldige waarden, toch ${isRedirect ? `${response.status} → ${response.headers.get("location")}` : response.status}${created.length ? `, nieuw: ${created.join(", ")}` : ""}` });
  }
  for (const row of watch.newPoison()) accepted.push({ where: label, what: `opgeslagen met stuurtekens of 100 KB: ${row}` });
  const polluted = prototypePolluted();
  if (polluted) {
    accepted.push({ where: label, what: `Object.prototype vervuild: ${polluted}` });
    delete (Object.prototype as Record<string, unknown>)[polluted];
  }
  return { status: response.status, text, location: response.headers.get("location") };
}

// ── Building the posts for one route ─────────────────────────────────────────

const FILLERS = ["", "   \t  "];

function routeFields(file: string, spec: RouteSpec): string[] {
  const fields = new Set([...discoveredFields(file), ...(spec.fields ?? [])]);
  for (const list of Object.values(spec.intents ?? {})) if (list !== "*") for (const f of list) fields.add(f);
  fields.delete("intent");
  return [...fields].sort();
}

/** Eight values per field: NUL, other control characters, a markup payload, and five more from the whole corpus. */
function valuesFor(seedText: string): CorpusEntry[] {
  const random = seededRandom(hashSeed(seedText));
  const [markup] = sample(MARKUP, 1, random);
  // Poison first: for an intent that ends the object (close, cancel) only the first accepted post counts.
  const fixed = [...POISON.filter((e) => e.value === NUL_TEXT || e.value === CONTROL_TEXT), markup];
  const rest = sample(
    FORM_CORPUS.filter((e) => !fixed.includes(e)),
    VALUES_PER_FIELD - fixed.length,
    random,
  );
  return [...fixed, ...rest];
}

function buildProbes(file: string, spec: RouteSpec): Probe[] {
  const fields = routeFields(file, spec);
  const once = spec.once ?? [];
  const intents = Object.keys(spec.intents ?? {}).filter((i) => !once.includes(i));
  const inputFree = new Set(spec.inputFree ?? []);
  const terminal = new Set(spec.terminal ?? []);
  const phaseOf = (intent: string | null) => (intent && terminal.has(intent) ? (inputFree.has(intent) ? 3 : 2) : 0);
  const readsField = (intent: string, field: string) => {
    const list = spec.intents![intent];
    return list === "*" || list.includes(field);
  };
  const needsInput = (intent: string) => !inputFree.has(intent);
  const probes: Probe[] = [];
  const fill = (skip: string, k: number): [string, string][] => fields.filter((f) => f !== skip).map((f) => [f, FILLERS[k % FILLERS.length]]);
  const extra = (field: string): [string, string][] => spec.extraPairs?.(field) ?? [];

  if (spec.noInput) {
    // Nothing is read: every post is the same request; it must just never fail.
    for (const entry of sample(SMALL, VALUES_PER_INTENT, seededRandom(hashSeed(file)))) {
      probes.push({ label: `[geen invoer] veld=${short(entry.value)}`, body: { pairs: [["intent", entry.value], ["veld", entry.value]] }, junkOnly: false, phase: 0 });
    }
    return probes;
  }

  // 1. Every field × eight corpus values; the other fields get blank fillers.
  for (const field of fields) {
    const candidates = intents.filter((i) => readsField(i, field));
    const usable = candidates.filter((i) => !terminal.has(i));
    const rotation = usable.length ? usable : candidates.length ? candidates : intents.filter((i) => !terminal.has(i));
    valuesFor(`${file}|${field}`).forEach((entry, k) => {
      const intent = rotation.length ? rotation[k % rotation.length] : null;
      const pairs: [string, string][] = [...(intent ? [["intent", intent] as [string, string]] : []), ...extra(field), [field, entry.value], ...fill(field, k)];
      // Without intents (or inloggen's password step) every post needs two or more fields, so one value and blanks is junk.
      const junkOnly = intent === null || intent === "" ? true : needsInput(intent) && isInvalidEverywhere(entry.value);
      probes.push({ label: `${intent ? `intent=${intent} ` : ""}${field}=${short(entry.value)} (${entry.label})`, body: { pairs }, junkOnly, phase: phaseOf(intent) });
    });
  }

  // 2. The intent field itself with corpus values: never a valid intent, so always junk.
  if (intents.length) {
    valuesFor(`${file}|intent`).forEach((entry, k) => {
      probes.push({ label: `intent=${short(entry.value)} (${entry.label})`, body: { pairs: [["intent", entry.value], ...fill("", k)] }, junkOnly: true, phase: 0 });
    });
  }

  // 3. Every intent × five values, the same value in every field.
  const random = seededRandom(hashSeed(`${file}|intents`));
  for (const intent of intents.length ? intents : [null]) {
    const values = [...sample(INVALID_EVERYWHERE, 3, random), ...sample(SMALL.filter((e) => !e.invalidEverywhere), VALUES_PER_INTENT - 3, random)];
    for (const entry of values) {
      // 100 KB goes into the intent's own fields only (megabytes of posts would not find more).
      const own = intent && spec.intents![intent] !== "*" ? (spec.intents![intent] as string[]) : fields.slice(0, 5);
      const valueOf = (f: string) => (entry.value === HUGE && !own.includes(f) ? "" : entry.value);
      const pairs: [string, string][] = [...(intent ? [["intent", intent] as [string, string]] : []), ...(spec.extraPairs?.("patient.name") ?? []), ...fields.map((f) => [f, valueOf(f)] as [string, string])];
      const junkOnly = isInvalidEverywhere(entry.value) && (intent === null || needsInput(intent));
      probes.push({ label: `${intent ? `intent=${intent} ` : ""}alle velden=${short(entry.value)} (${entry.label})`, body: { pairs }, junkOnly, phase: phaseOf(intent) });
    }
  }

  const junkIntent = intents.length ? [["intent", "<script>alert(1)</script>"] as [string, string]] : [];
  // 4. A thousand fields, array-style and hostile names included.
  const thousand: [string, string][] = [...junkIntent, ...fields.map((f) => [f, ""] as [string, string])];
  for (let i = 0; thousand.length < 1000 + fields.length; i++) {
    const name = [`veld${i}`, `${fields[i % fields.length] ?? "veld"}[]`, `${fields[i % fields.length] ?? "veld"}[${i}]`, i % 97 === 0 ? IMG_BREAKOUT : `x.${i}.y`][i % 4];
    thousand.push([name, SMALL[i % SMALL.length].value]);
  }
  probes.push({ label: "1000 velden", body: { pairs: thousand }, junkOnly: true, phase: 0 });

  // 5. Every field repeated twenty times; the first intent is junk, a real one follows.
  const repeated: [string, string][] = [];
  for (let r = 0; r < 20; r++) {
    if (intents.length) repeated.push(["intent", r === 19 ? intents[0] : SMALL[r].value]);
    for (const f of fields) repeated.push([f, r === 0 ? FILLERS[0] : SMALL[(r * 7) % SMALL.length].value]);
  }
  probes.push({ label: "herhaalde velden", body: { pairs: repeated }, junkOnly: true, phase: 0 });

  // 6. Prototype-pollution names, with a junk intent and with every real intent.
  const protoPairs: [string, string][] = [
    ["__proto__", "x"],
    ["__proto__.polluted", "yes"],
    ["__proto__[polluted]", "yes"],
    ["constructor.prototype.polluted", "yes"],
    ["constructor[prototype][polluted]", "yes"],
    ["prototype", "x"],
    ...fields.slice(0, 20).flatMap((f) => [[`${f}.__proto__.polluted`, "yes"] as [string, string], [`__proto__.${f}`, "yes"] as [string, string]]),
    ["excludedPersons.__proto__.name", "yes"],
    ["consent.excludedPersons.__proto__.name", "yes"],
    ["priorAttempts.__proto__.who", "yes"],
  ];
  // (Intents that read no field are left out of 6 and 7: there is nothing for these names to reach.)
  const reading = intents.filter((i) => spec.intents![i] === "*" || spec.intents![i].length > 0);
  for (const intent of [null, ...reading]) {
    const pairs: [string, string][] = [...(intent ? [["intent", intent] as [string, string]] : junkIntent), ...(intent ? extra("patient.name") : []), ...protoPairs];
    probes.push({ label: `prototype-namen${intent ? ` intent=${intent}` : ""}`, body: { pairs }, junkOnly: intent === null && intents.length > 0, phase: phaseOf(intent) });
  }

  // 7. Multipart: files where text is expected, with a hostile file name.
  for (const intent of [null, ...reading]) {
    const pairs: [string, string | Blob][] = [...(intent ? [["intent", intent] as [string, string]] : junkIntent), ...(intent ? extra("patient.name") : [])];
    for (const f of fields) pairs.push([f, new File([`${SCRIPT_TAG}\u0000`], `${SCRIPT_TAG}../../etc/passwd\u0000.pdf`, { type: "application/pdf" })]);
    pairs.push(["bestand", new File(["geen pdf\u0000"], `../../etc/passwd${SCRIPT_TAG}.pdf`, { type: "application/pdf" })]);
    const junkOnly = intent === null ? true : needsInput(intent);
    probes.push({ label: `multipart, bestanden als tekstvelden${intent ? ` intent=${intent}` : ""}`, body: { pairs, multipart: true }, junkOnly, phase: phaseOf(intent) });
  }

  // Terminal intents last, so the object stays alive for the rest; what always ends it comes once, at the very end.
  for (const intent of once) {
    probes.push({ label: `intent=${intent} alle velden=${short(NUL_TEXT)}`, body: { pairs: [["intent", intent], ...extra("patient.name"), ...fields.map((f) => [f, NUL_TEXT] as [string, string])] }, junkOnly: false, phase: 4 });
  }
  return probes.map((p, i) => ({ p, i })).sort((a, b) => a.p.phase - b.p.phase || a.i - b.i).map(({ p }) => p);
}

// ── Tests ────────────────────────────────────────────────────────────────────

describe("coverage", () => {
  it("describes every route that exports an action, and every intent its source offers", () => {
    const files = actionRouteFiles();
    expect(files.length).toBeGreaterThan(15);
    expect(files.filter((f) => !ROUTES[f]), "action routes the fuzz test does not know yet: add them to ROUTES").toEqual([]);
    expect(Object.keys(ROUTES).filter((f) => !files.includes(f)), "ROUTES names files that no longer export an action").toEqual([]);
    const missing: string[] = [];
    for (const file of files) {
      const spec = ROUTES[file];
      if (spec.api || spec.noInput) continue;
      for (const intent of discoveredIntents(file)) if (!spec.intents?.[intent]) missing.push(`${file}: intent ${intent}`);
      const fields = routeFields(file, spec);
      if (fields.length === 0 && !spec.intents) missing.push(`${file}: no fields found`);
    }
    expect(missing, "intents in the source that ROUTES does not fuzz").toEqual([]);
    // The scan finds what the pages post.
    expect(routeFields("beheer.gebruikers.nieuw.tsx", ROUTES["beheer.gebruikers.nieuw.tsx"])).toEqual(expect.arrayContaining(["name", "email", "organisationId", "role", "tableId"]));
    expect(routeFields("tafels.$slug_.bijeenkomsten._index.tsx", ROUTES["tafels.$slug_.bijeenkomsten._index.tsx"])).toEqual(expect.arrayContaining(["title", "date", "startTime", "durationMinutes", "location", "videoUrl", "series", "occurrences", "confirmClash"]));
    expect(routeFields("verwijzingen.concept.$draftId.tsx", ROUTES["verwijzingen.concept.$draftId.tsx"])).toEqual(expect.arrayContaining(["patient.bsn", "priorAttempts.0.who", "consent.givenOn", "contact.email"]));
    expect(discoveredIntents("casussen.$caseId_.verloop.tsx")).toEqual(["add_deadline", "carry_over", "close", "deadline_met", "escalate", "place", "start_follow_up"]);
  });
});

describe("the database watch", () => {
  it("sees a control character that any write stores, and only once", () => {
    const sqlite = db().$client as unknown as Database.Database;
    let seen: string[] = [];
    const probe = sqlite.transaction(() => {
      sqlite.prepare("update organisations set name = name || char(7) where rowid = (select min(rowid) from organisations)").run();
      seen = watch.newPoison();
      throw new Error("rollback");
    });
    expect(() => probe()).toThrow("rollback");
    expect(seen).toEqual([expect.stringMatching(/^organisations#\d+ name=/)]);
    expect(watch.newPoison()).toEqual([]);
    expect(watch.fullScan()).toEqual([]);
  });
});

describe("form actions", () => {
  for (const [file, spec] of Object.entries(ROUTES)) {
    if (spec.api) continue;
    if (process.env.FUZZ_ONLY && !file.startsWith(process.env.FUZZ_ONLY)) continue;
    it(`${file}: no 5xx, nothing reflected, no junk accepted`, { timeout: 120_000 }, async () => {
      const start = { errors: serverErrors.length, reflected: reflected.length, accepted: accepted.length };
      const client = clients.get(spec.as!)!;
      const url = spec.url!();
      const probes = buildProbes(file, spec);
      expect(probes.length).toBeGreaterThan(0);
      for (const probe of probes) await send(file, client, url, probe);
      fullScanAfter(file);
      const mine = (list: Finding[], from: number) => list.slice(from).map((f) => `${f.where} → ${f.what}`);
      expect(mine(serverErrors, start.errors), "5xx").toEqual([]);
      expect(mine(reflected, start.reflected), "reflected").toEqual([]);
      expect(mine(accepted, start.accepted), "accepted junk").toEqual([]);
    });
  }

  it("inloggen: a junk redirectTo after a correct password stays on the portal and never fails", { timeout: 60_000 }, async () => {
    const start = { errors: serverErrors.length, accepted: accepted.length };
    const targets = [
      ...sample(SMALL, 8, seededRandom(hashSeed("redirectTo"))).map((e) => e.value),
      "/\t/evil.example/",
      "/\\evil.example/",
      "//evil.example/",
      "/\n/evil.example/",
      "/%09/evil.example/",
      "https://evil.example/",
      `/${SCRIPT_TAG}`,
    ];
    for (const redirectTo of targets) {
      const client = uncompressed();
      const r = await send("inloggen.tsx", client, "/inloggen", {
        label: `juist wachtwoord, redirectTo=${short(redirectTo)}`,
        body: { pairs: [["email", CHAIR], ["password", "Demo-wachtwoord-2026"], ["redirectTo", redirectTo]] },
        junkOnly: false,
        phase: 0,
      });
      if (r.status < 500 && r.location) {
        const target = new URL(r.location, t.url);
        if (target.origin !== t.url) accepted.push({ where: `inloggen.tsx redirectTo=${short(redirectTo)}`, what: `stuurt na inloggen door naar ${target.origin} (Location ${short(r.location)})` });
      }
    }
    fullScanAfter("inloggen.tsx redirectTo");
    const mine = (list: Finding[], from: number) => list.slice(from).map((f) => `${f.where} → ${f.what}`);
    expect(mine(serverErrors, start.errors), "5xx").toEqual([]);
    expect(mine(accepted, start.accepted), "off-site redirects").toEqual([]);
  });
});

// ── The intake API ───────────────────────────────────────────────────────────

describe("intake API", () => {
  let token = "";
  const record = (label: string, kind: string, status: number, text: string, contentType: string | null) => {
    tally.requests++;
    if (status >= 500) serverErrors.push({ where: `API ${label}`, what: `${status}: ${text.replace(/\s+/g, " ").slice(0, 120)}` });
    else if (status < 400) accepted.push({ where: `API ${label}`, what: `${status} aangemaakt ondanks ${kind}` });
    else if (!/^application\/json/.test(contentType ?? "")) serverErrors.push({ where: `API ${label}`, what: `${status} zonder JSON maar ${contentType}` });
    for (const row of watch.newPoison()) accepted.push({ where: `API ${label}`, what: `opgeslagen met stuurtekens of 100 KB: ${row}` });
    const polluted = prototypePolluted();
    if (polluted) {
      accepted.push({ where: `API ${label}`, what: `Object.prototype vervuild: ${polluted}` });
      delete (Object.prototype as Record<string, unknown>)[polluted];
    }
  };

  async function call(label: string, init: { path?: string; raw?: string | Blob; json?: unknown; headers?: Record<string, string>; method?: string; kind?: string }) {
    const headers = new Headers({ Authorization: `Bearer ${token}`, "Content-Type": "application/json", "Idempotency-Key": randomUUID(), ...init.headers });
    const body = init.raw ?? JSON.stringify(init.json);
    const response = await fetch(t.url + (init.path ?? "/api/v1/referrals"), { method: init.method ?? "POST", headers, body, redirect: "manual" });
    const text = await response.text();
    record(label, init.kind ?? label, response.status, text, response.headers.get("content-type"));
    return response.status;
  }

  beforeAll(() => {
    token = `rt_${randomBytes(32).toString("base64url")}`;
    expect(token).toMatch(/^rt_[A-Za-z0-9_-]{43}$/);
    db()
      .insert(apiTokens)
      .values({ organisationId: orgId("VGZ"), name: "Fuzz", tokenHash: createHash("sha256").update(token, "utf8").digest("hex"), prefix: token.slice(0, 9), createdByUserId: userRow(ADMIN).id, createdAt: new Date().toISOString() })
      .run();
  });

  it("POST /api/v1/referrals: every junk body is a 4xx in JSON and creates nothing", { timeout: 60_000 }, async () => {
    // The token works: a valid referral is created (and is the only one).
    const sanity = await fetch(`${t.url}/api/v1/referrals`, { method: "POST", headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json", "Idempotency-Key": randomUUID() }, body: JSON.stringify(validReferral()) });
    expect(sanity.status).toBe(201);
    const before = watch.counts();
    watch.newPoison();
    const start = { errors: serverErrors.length, accepted: accepted.length };

    // Whole bodies: every corpus string, wrong types, raw non-JSON.
    for (const e of FORM_CORPUS) await call(`body=${short(e.value)} (${e.label})`, { json: e.value });
    for (const e of JSON_WRONG_TYPES) await call(`body=${e.label}`, { json: e.value });
    for (const e of RAW_JSON_BODIES) await call(`ruwe body ${e.label}`, { raw: e.raw });
    await call("ongeldige UTF-8", { raw: new Blob([new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d])]) });
    await call("body=[geldige verwijzing]", { json: [validReferral()] });
    await call("body={referral: geldige verwijzing}", { json: { referral: validReferral() } });

    // One leaf of a valid referral replaced by junk.
    const leaves: string[] = [];
    const walk = (value: unknown, prefix: string) => {
      if (value && typeof value === "object" && !Array.isArray(value)) for (const [k, v] of Object.entries(value)) walk(v, prefix ? `${prefix}.${k}` : k);
      else if (Array.isArray(value) && value.length && typeof value[0] === "object") value.forEach((v, i) => walk(v, `${prefix}.${i}`));
      else leaves.push(prefix);
    };
    walk(baseReferral(), "");
    leaves.push("patient", "contact", "consent", "priorAttempts");
    const setPath = (target: Record<string, unknown>, dotted: string, value: unknown) => {
      const parts = dotted.split(".");
      let node = target as Record<string, unknown>;
      for (const p of parts.slice(0, -1)) node = node[p] as Record<string, unknown>;
      node[parts.at(-1)!] = value;
    };
    const DATES = ["2026-02-30", "2025-02-29", "2026-04-31", "0000-00-00", "2026-13-01", "31-12-2020", "9999-12-31"];
    const junkFor = (leaf: string): { label: string; value: unknown }[] => {
      const list: { label: string; value: unknown }[] = [
        { label: "empty", value: "" },
        { label: "whitespace", value: "   \t " },
        { label: "100 KB", value: HUGE },
        { label: "NUL", value: NUL_TEXT },
        { label: "control characters", value: CONTROL_TEXT },
        ...JSON_WRONG_TYPES,
        { label: "deep object", value: deepObject(200) },
      ];
      if (/dateOfBirth|givenOn/.test(leaf)) list.push(...DATES.map((d) => ({ label: `date ${d}`, value: d })));
      // Values that are valid for this particular leaf are not junk there.
      const legit = (e: { label: string; value: unknown }) =>
        (["patient.address", "generalPractitioner"].includes(leaf) && (e.value === "" || e.value === null || (typeof e.value === "string" && !e.value.trim()))) ||
        // The province follows from the municipality: it may be left out (null); a wrong value is still refused.
        (leaf === "patient.province" && e.value === null) ||
        (leaf === "referrerCriteria" && Array.isArray(e.value) && e.value.length === 0) ||
        (leaf === "viaVwsUnit" && typeof e.value === "boolean") ||
        (leaf === "consent" && e.value === null) ||
        (leaf === "consent.scopeOrganisationTypes" && Array.isArray(e.value) && e.value.length === 0);
      return list.filter((e) => !legit(e));
    };
    for (const leaf of leaves) {
      for (const junk of junkFor(leaf)) {
        const body = structuredClone(baseReferral()) as unknown as Record<string, unknown>;
        setPath(body, leaf, junk.value);
        await call(`${leaf}=${junk.label}`, { json: body, kind: junk.label });
      }
    }
    // consent null is legal JSON but means "no consent": refused with 422.
    await call("consent=null", { json: { ...baseReferral(), consent: null } });

    // Structure: prototype keys, a thousand keys, duplicate keys, deep nesting, size.
    const noName = structuredClone(baseReferral()) as unknown as { patient: Record<string, unknown> };
    delete noName.patient.name;
    withOwnKey(noName.patient, "__proto__", { name: "Via het prototype" });
    await call("patient.__proto__.name in plaats van patient.name", { json: noName });
    const noCare = structuredClone(baseReferral()) as unknown as Record<string, unknown>;
    delete noCare.careQuestion;
    await call("constructor.prototype.careQuestion", { json: { ...noCare, constructor: { prototype: { careQuestion: "Via constructor", polluted: "yes" } } } });
    await call("__proto__ bovenaan", { json: withOwnKey({ ...noCare }, "__proto__", { careQuestion: "Via __proto__", polluted: "yes" }) });
    await call("1000 extra sleutels zonder careQuestion", { json: { ...noCare, ...manyKeys(1000, SCRIPT_TAG) } });
    const valid = JSON.stringify(baseReferral());
    await call("dubbele sleutel patient", { raw: `${valid.slice(0, -1)},"patient":"${SCRIPT_TAG}"}` });
    await call("dubbele sleutel consent", { raw: `${valid.slice(0, -1)},"consent":{"givenBy":"x"}}` });
    await call("10.000 geneste arrays", { raw: "[".repeat(10_000) + "]".repeat(10_000) });
    await call("patient 10.000 diep genest", { raw: JSON.stringify({ ...baseReferral(), patient: "§" }).replace('"§"', '{"a":'.repeat(10_000) + "1" + "}".repeat(10_000)) });
    await call("2 MB", { raw: JSON.stringify({ ...baseReferral(), careQuestion: "x".repeat(2 * 1024 * 1024) }) });
    await call("geldige JSON als text/plain", { json: baseReferral(), headers: { "Content-Type": "text/plain" } });
    await call("geldige JSON als form", { json: baseReferral(), headers: { "Content-Type": "application/x-www-form-urlencoded" } });
    for (const key of ["", " ", SCRIPT_TAG, "../../etc/passwd", "x".repeat(201), "ö", "a b"]) await call(`Idempotency-Key=${short(key)}`, { json: validReferral({ patient: { name: "Nooit aangemaakt" } }), headers: { "Idempotency-Key": key } });
    for (const auth of ["", "Bearer", `Bearer ${SCRIPT_TAG}`, `Bearer ${token}x`, `Basic ${token}`, `Bearer ${token.slice(0, -1)}`]) {
      await call(`Authorization=${short(auth)}`, { json: validReferral({ patient: { name: "Nooit aangemaakt" } }), headers: { Authorization: auth } });
    }

    // The other API actions: unknown addresses, the status resource, the OpenAPI document.
    for (const e of sample(SMALL, 8, seededRandom(hashSeed("api other")))) {
      await call(`/api/v1/onbekend body=${short(e.value)}`, { path: "/api/v1/onbekend", json: e.value });
      await call(`/api/v1/referrals/1 body=${short(e.value)}`, { path: "/api/v1/referrals/1", json: e.value });
      await call(`/api/v1/referrals/${short(e.value)}`, { path: `/api/v1/referrals/${encodeURIComponent(e.value || "x")}`, json: {} });
      await call(`/api/v1/openapi.json body=${short(e.value)}`, { path: "/api/v1/openapi.json", json: e.value });
    }
    for (const method of ["PUT", "PATCH", "DELETE"]) await call(`${method} /api/v1/referrals`, { method, json: validReferral() });

    fullScanAfter("API");
    const created = createdRows(before, watch.counts());
    const mine = (list: Finding[], from: number) => list.slice(from).map((f) => `${f.where} → ${f.what}`);
    expect(mine(serverErrors, start.errors), "5xx (or not JSON)").toEqual([]);
    expect(mine(accepted, start.accepted), "accepted junk").toEqual([]);
    expect(created, "rows created by junk API calls").toEqual([]);
  });
});

// ── Socket events ────────────────────────────────────────────────────────────

const openSockets: Socket[] = [];

function openSocket(cookie: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(t.url, { transports: ["websocket"], extraHeaders: { Cookie: cookie }, reconnection: false, forceNew: true });
    openSockets.push(socket);
    socket.once("connect", () => resolve(socket));
    socket.once("connect_error", (error) => reject(error));
  });
}

describe("case room events", () => {
  it("answers every junk event with ok:false, keeps answering without an ack, and stores nothing", { timeout: 60_000 }, async () => {
    const start = { errors: serverErrors.length, accepted: accepted.length };
    const cookie = clients.get("chair")!.cookie;
    const caseId = ids.roomCase;
    const otherTableCase = db().select().from(cases).where(eq(cases.code, "RT1-2026-001")).get()?.id ?? 999_999;
    const socket = await openSocket(cookie);
    const messagesBefore = db().select().from(caseMessages).all().length;
    watch.newPoison();

    type Ack = { ok: boolean; reason?: string };
    const emit = async (event: string, payload: unknown, label: string) => {
      tally.socketEvents++;
      try {
        const ack = (await socket.timeout(3000).emitWithAck(event, payload)) as Ack;
        if (!ack || ack.ok !== false) accepted.push({ where: `socket ${event} ${label}`, what: `antwoord ${JSON.stringify(ack).slice(0, 120)}` });
        else if (ack.reason === "error") serverErrors.push({ where: `socket ${event} ${label}`, what: "serverfout (reason: error)" });
      } catch {
        serverErrors.push({ where: `socket ${event} ${label}`, what: "geen antwoord binnen 3 s" });
      }
      // And once more without an ack callback, with extra arguments.
      socket.emit(event, payload);
      socket.emit(event, payload, SCRIPT_TAG, 3);
      tally.socketEvents += 2;
      for (const row of watch.newPoison()) accepted.push({ where: `socket ${event} ${label}`, what: `opgeslagen met stuurtekens of 100 KB: ${row}` });
      const polluted = prototypePolluted();
      if (polluted) {
        accepted.push({ where: `socket ${event} ${label}`, what: `Object.prototype vervuild: ${polluted}` });
        delete (Object.prototype as Record<string, unknown>)[polluted];
      }
    };

    // Joined first, so a message with a good caseId reaches the body checks.
    const joined = (await socket.timeout(3000).emitWithAck("room:join", { caseId })) as Ack;
    expect(joined.ok).toBe(true);

    const nonObjects: { label: string; value: unknown }[] = [
      { label: "undefined", value: undefined },
      { label: "NaN", value: NaN },
      { label: "Infinity", value: Infinity },
      { label: "binary", value: new Uint8Array([0, 1, 2, 255]) },
      { label: "deep array", value: deepArray(500) },
      { label: "deep object", value: deepObject(500) },
      ...FORM_CORPUS.map((e) => ({ label: e.label, value: e.value })),
      ...JSON_WRONG_TYPES,
    ];
    const badCaseIds: { label: string; value: unknown }[] = [
      { label: "string id", value: String(caseId) },
      { label: "code", value: "RT2-2026-001" },
      { label: "-1", value: -1 },
      { label: "0", value: 0 },
      { label: "1.5", value: 1.5 },
      { label: "2^31", value: 2_147_483_648 },
      { label: "2^53+1", value: 9007199254740993 },
      { label: "NaN", value: NaN },
      { label: "null", value: null },
      { label: "array", value: [caseId] },
      { label: "object", value: { caseId } },
      { label: "true", value: true },
      { label: "script", value: SCRIPT_TAG },
    ];
    for (const event of ["room:join", "room:message", "room:leave"]) {
      for (const p of nonObjects) await emit(event, p.value, `payload=${p.label}`);
      for (const id of badCaseIds) await emit(event, { caseId: id.value, clientMessageId: randomUUID(), body: "Geldig bericht" }, `caseId=${id.label}`);
      await emit(event, {}, "leeg object");
      await emit(event, withOwnKey({ caseId }, "__proto__", { polluted: "yes", clientMessageId: "via-proto", body: "via proto" }), "__proto__-sleutel");
      await emit(event, { caseId, constructor: { prototype: { polluted: "yes" } } }, "constructor-sleutel");
      await emit(event, { caseId, ...manyKeys(1000) }, "1000 sleutels");
    }
    // Join and leave: extra and wrong fields.
    for (const lastMessageId of [-1, "0", 1e20, 1.5, null, [], SCRIPT_TAG]) await emit("room:join", { caseId, lastMessageId }, `lastMessageId=${short(String(lastMessageId))}`);
    await emit("room:join", { caseId, extra: true }, "extra sleutel");
    await emit("room:leave", { caseId, extra: true }, "extra sleutel");
    // Messages: each field junk while the others are fine; a case of another table; extra keys.
    const badIds: unknown[] = ["", " ", HUGE, NUL_TEXT, "../../etc/passwd", SCRIPT_TAG, "👩‍⚕️", "a".repeat(101), 5, null, [], {}];
    for (const clientMessageId of badIds) await emit("room:message", { caseId, clientMessageId, body: "Geldig bericht" }, `clientMessageId=${short(String(clientMessageId))}`);
    const badBodies: unknown[] = ["", "   \t ", "\r\n\r\n", HUGE, "x".repeat(4001), NUL_TEXT, CONTROL_TEXT, "\u0000", 5, null, true, [], {}, ["a"], { body: "x" }];
    for (const body of badBodies) await emit("room:message", { caseId, clientMessageId: `fuzz-${randomUUID()}`, body }, `body=${short(String(body))}`);
    await emit("room:message", { caseId, clientMessageId: `fuzz-${randomUUID()}` }, "zonder body");
    await emit("room:message", { caseId, body: "Geldig bericht" }, "zonder clientMessageId");
    await emit("room:message", { clientMessageId: `fuzz-${randomUUID()}`, body: "Geldig bericht" }, "zonder caseId");
    await emit("room:message", { caseId, clientMessageId: `fuzz-${randomUUID()}`, body: "Geldig bericht", authorUserId: "someone-else" }, "extra sleutel authorUserId");
    await emit("room:message", { caseId: otherTableCase, clientMessageId: `fuzz-${randomUUID()}`, body: "Geldig bericht" }, "casus van een andere tafel");
    await emit("room:message", { caseId: 2_147_483_647, clientMessageId: `fuzz-${randomUUID()}`, body: "Geldig bericht" }, "onbekende casus");
    // An event the server does not know is ignored (no answer is expected).
    socket.emit("no:such:event", { caseId }, () => undefined);
    tally.socketEvents++;

    // Still answering: a valid join works and a valid message is stored once.
    const rejoin = (await socket.timeout(3000).emitWithAck("room:join", { caseId })) as Ack;
    expect(rejoin.ok, "room:join after the fuzz").toBe(true);
    const messageCount = () => db().select().from(caseMessages).all().length;
    const storedByJunk = messageCount() - messagesBefore;
    const beforeValid = messageCount();
    const valid = (await socket.timeout(3000).emitWithAck("room:message", { caseId, clientMessageId: `fuzz-geldig-${randomUUID()}`, body: "Geldig bericht na de fuzz" })) as Ack;
    expect(valid.ok).toBe(true);
    expect(messageCount() - beforeValid).toBe(1);

    // Over the transport's size limit: that connection is dropped, the next one works.
    const big = await openSocket(cookie);
    const dropped = new Promise<string>((resolve) => big.once("disconnect", (reason) => resolve(reason)));
    big.emit("room:message", { caseId, clientMessageId: `fuzz-${randomUUID()}`, body: "x".repeat(2 * 1024 * 1024) });
    tally.socketEvents++;
    expect(await Promise.race([dropped, new Promise((r) => setTimeout(() => r("still connected"), 3000))])).not.toBe("still connected");
    const fresh = await openSocket(cookie);
    expect(((await fresh.timeout(3000).emitWithAck("room:join", { caseId })) as Ack).ok).toBe(true);

    // Junk cookies never connect.
    for (const junk of ["", `regiotafel_session=${SCRIPT_TAG}`, `regiotafel_session=${"a".repeat(4000)}`, "regiotafel_session=../../etc/passwd"]) {
      await expect(openSocket(junk), `cookie ${short(junk)}`).rejects.toThrow();
    }

    fullScanAfter("socket");
    const mine = (list: Finding[], from: number) => list.slice(from).map((f) => `${f.where} → ${f.what}`);
    expect(mine(serverErrors, start.errors), "unanswered or failed events").toEqual([]);
    expect(mine(accepted, start.accepted), "accepted junk events").toEqual([]);
    expect(storedByJunk, "messages stored by junk events").toBe(0);
  });
});

// ── Summary ──────────────────────────────────────────────────────────────────

describe("summary", () => {
  it("0 5xx, 0 reflected, 0 accepted", () => {
    // Counted per request or event (one post can be refused for several reasons).
    const distinct = (list: Finding[]) => new Set(list.map((f) => f.where)).size;
    const line = `fuzz: ${tally.requests} requests, ${tally.socketEvents} socket events, ${distinct(serverErrors)} 5xx, ${distinct(reflected)} reflected, ${distinct(accepted)} accepted`;
    console.log(line);
    console.log(`(${connectionRetries} request(s) retried after the server closed a kept-alive connection)`);
    const group = (list: Finding[]) => {
      const byWhat = new Map<string, string[]>();
      for (const f of list) {
        const what = f.what
          .replace(/^(\d{3}): \{.*$/s, "$1: {…}")
          .replace(/(opgeslagen met stuurtekens of 100 KB: [a-z_]+)#\d+ ([a-z_]+)=.*$/s, "$1.$2")
          .replace(/→ (\/[^?\s]*)\?.*$/, "→ $1")
          .replace(/\d+/g, "n");
        const key = `${f.where.split(" ")[0]} ${what.slice(0, 120)}`;
        byWhat.set(key, [...(byWhat.get(key) ?? []), f.where.slice(f.where.indexOf(" ") + 1)]);
      }
      return [...byWhat.entries()].map(([k, wheres]) => `${wheres.length}× ${k}\n      bv. ${wheres.slice(0, 4).map((w) => w.slice(0, 110)).join("\n      bv. ")}`);
    };
    for (const [name, list] of [["5xx", serverErrors], ["reflected", reflected], ["accepted", accepted]] as const) {
      if (list.length) console.log(`${name}:\n  ${group(list).join("\n  ")}`);
    }
    expect(tally.requests).toBeGreaterThan(1000);
    expect(tally.socketEvents).toBeGreaterThan(300);
    expect(tally.escapedEchoes, "pages echo typed markup (escaped), so the reflection check has something to find").toBeGreaterThan(20);
    expect({ serverErrors: distinct(serverErrors), reflected: distinct(reflected), accepted: distinct(accepted) }, line).toEqual({ serverErrors: 0, reflected: 0, accepted: 0 });
  });
});
