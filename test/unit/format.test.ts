// The one Dutch way of writing dates, times, periods, money and log actions.
import { auditActionLabel, auditDetailText, AUDIT_ACTION_LABELS } from "~/domain/audit-actions";
import { formatDate, formatDateRange, formatDateTime, formatIp, formatMoney, formatSpreadsheetDate, formatTime } from "~/domain/format";
import { dutchOutputProblems, visibleText } from "../helpers/dutch-output";

describe("dates and times", () => {
  it("writes days in words and times without seconds, in Amsterdam time", () => {
    expect(formatDate("2026-12-01")).toBe("1 december 2026");
    expect(formatDate("1988-04-12")).toBe("12 april 1988");
    // 23:30 UTC on 30 November is 00:30 on 1 December in Amsterdam.
    expect(formatDate("2026-11-30T23:30:00.000Z")).toBe("1 december 2026");
    expect(formatDateTime("2026-12-01T13:02:41.000Z")).toBe("1 december 2026, 14:02");
    expect(formatDateTime("2026-07-01T12:00:00.000Z")).toBe("1 juli 2026, 14:00");
    expect(formatTime("2026-12-01T13:02:41.000Z")).toBe("14:02");
    expect(formatSpreadsheetDate("2026-12-01T13:02:41.000Z")).toBe("01-12-2026 14:02");
    expect(formatSpreadsheetDate("2026-12-01")).toBe("01-12-2026");
    expect(formatDate(null)).toBe("");
  });

  it("writes periods without repeating the month or year", () => {
    expect(formatDateRange("2026-12-01", "2026-12-31")).toBe("1 t/m 31 december 2026");
    expect(formatDateRange("2026-11-28", "2026-12-03")).toBe("28 november t/m 3 december 2026");
    expect(formatDateRange("2026-12-01", "2027-01-31")).toBe("1 december 2026 t/m 31 januari 2027");
    expect(formatDateRange("2026-12-01", null)).toBe("vanaf 1 december 2026");
    expect(formatDateRange("2026-12-01", "2026-12-01")).toBe("1 december 2026");
  });

  it("writes money in euros and IPv4 without the IPv6 prefix", () => {
    expect(formatMoney(12500)).toBe("€ 12.500");
    expect(formatIp("::ffff:127.0.0.1")).toBe("127.0.0.1");
    expect(formatIp("2001:db8::1")).toBe("2001:db8::1");
  });
});

describe("log actions", () => {
  it("has Dutch words for every known code, and never returns a code for an unknown one", () => {
    expect(auditActionLabel("plan.view")).toBe("Plan bekeken");
    expect(auditActionLabel("login")).toBe("Ingelogd");
    // One event per list page opened, and one per patient named on it (not the other way round).
    expect(auditActionLabel("case.list")).toBe("Overzicht van casussen bekeken");
    expect(auditActionLabel("case.list_view")).toBe("Casus in een overzicht getoond");
    for (const [code, label] of Object.entries(AUDIT_ACTION_LABELS)) expect(label, code).not.toContain(code);
    expect(auditActionLabel("plan.export")).toBe("Plan: gedownload");
    expect(auditActionLabel("something.odd")).toBe("Handeling: handeling uitgevoerd");
  });
});

describe("the scan for what people must not read", () => {
  it("finds ISO dates and action codes, not e-mail addresses or case codes", () => {
    expect(dutchOutputProblems("Geboren 1988-04-12, gezien 2026-12-01T13:02:41.000Z")).toHaveLength(2);
    expect(dutchOutputProblems("Handeling (plan.view) en case_room.join")).toEqual(['actiecode "plan.view"', 'actiecode "case_room.join"']);
    expect(dutchOutputProblems("zorgbemiddeling.vgz@regiotafel.test, casus RT2-2026-001, 1 december 2026")).toEqual([]);
  });

  it("checks CSV cells except the columns marked as technical", () => {
    const csv = "\uFEFFTijdstip;Tijdstip (UTC);Wat;Actiecode\r\n01-12-2026 14:02;2026-12-01T13:02:00.000Z;Plan bekeken;plan.view\r\n";
    expect(dutchOutputProblems(csv, { csv: true })).toEqual([]);
    expect(dutchOutputProblems("Tijdstip;Wat\r\n2026-12-01 14:02;plan.view\r\n", { csv: true })).toHaveLength(2);
  });
});

describe("logged descriptions", () => {
  it("show their dates in Dutch, the stored text unchanged otherwise", () => {
    expect(auditDetailText("2026-10-01..2026-12-31 alle")).toBe("1 oktober 2026 t/m 31 december 2026 alle");
    expect(auditDetailText("arrangement 3 voorgesteld: 2026-12-01 t/m 2027-05-31, € 1.200")).toBe("arrangement 3 voorgesteld: 1 december 2026 t/m 31 mei 2027, € 1.200");
    expect(auditDetailText("verplaatst van 2026-12-01T13:02:41.000Z")).toBe("verplaatst van 1 december 2026, 14:02");
    expect(auditDetailText(null)).toBe("");
    expect(dutchOutputProblems(auditDetailText("2026-10-01..2026-12-31 alle"))).toEqual([]);
  });
});

describe("the scan of rendered pages", () => {
  it("reads what people see: not the loader data, attributes or comments", () => {
    const page = `<html><head><script>window.__remixContext = {"at":"2026-12-01T13:02:00.000Z","a":"plan.view"}</script></head>
      <body><input type="date" value="2026-12-01"><time datetime="2026-12-01">1 december 2026</time><!-- 2026-12-01 --><p>Plan bekeken</p></body></html>`;
    expect(dutchOutputProblems(visibleText(page))).toEqual([]);
    expect(dutchOutputProblems(visibleText("<td>2026-12-01</td><td>plan.view</td>"))).toEqual(['ISO-datum "2026-12-01"', 'actiecode "plan.view"']);
  });
});
