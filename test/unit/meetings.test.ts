// Pure meeting rules: Amsterdam time, monthly series, agenda slots, clashes and guest access.
import {
  agendaCountLabel,
  amsterdamDate,
  amsterdamTime,
  amsterdamToUtc,
  defaultGuestAccessDate,
  findClashes,
  formatPeriod,
  guestAccessActive,
  guestAccessProblem,
  guestAccessUntil,
  isHttpsUrl,
  monthlySeriesDates,
  monthlySeriesStarts,
  nextFreeSlot,
  overlaps,
  slotProblem,
  weekdayOrdinal,
  type Commitment,
} from "~/domain/meetings";

const weekday = (date: string) => new Date(`${date}T12:00:00Z`).getUTCDay();

describe("Amsterdam wall-clock time", () => {
  it("converts winter and summer times to UTC and back", () => {
    expect(amsterdamToUtc("2027-01-12", "14:00")).toBe("2027-01-12T13:00:00.000Z");
    expect(amsterdamToUtc("2027-07-13", "14:00")).toBe("2027-07-13T12:00:00.000Z");
    expect(amsterdamToUtc("2027-07-13", "14:00:00")).toBe("2027-07-13T12:00:00.000Z");
    expect(amsterdamDate("2027-01-12T23:30:00.000Z")).toBe("2027-01-13");
    expect(amsterdamTime("2027-07-13T12:00:00.000Z")).toBe("14:00");
  });

  it("refuses a time skipped when summer time starts, and nonsense", () => {
    expect(amsterdamToUtc("2027-03-28", "02:30")).toBeNull();
    expect(amsterdamToUtc("2027-03-28", "03:00")).toBe("2027-03-28T01:00:00.000Z");
    expect(amsterdamToUtc("2027-02-30", "14:00")).toBeNull();
    expect(amsterdamToUtc("2027-02-10", "24:00")).toBeNull();
    expect(amsterdamToUtc("2027-02-10", "1400")).toBeNull();
  });

  it("formats a period in Dutch", () => {
    expect(formatPeriod("2027-01-12T13:00:00.000Z", 120)).toBe("dinsdag 12 januari 2027, 14:00–16:00");
  });
});

describe("monthly series", () => {
  it("keeps the weekday-of-month: every second Tuesday", () => {
    const dates = monthlySeriesDates("2027-01-12", 4);
    expect(dates).toEqual(["2027-01-12", "2027-02-09", "2027-03-09", "2027-04-13"]);
    for (const d of dates) {
      expect(weekday(d)).toBe(2);
      expect(weekdayOrdinal(d)).toBe(2);
    }
  });

  it("takes the last weekday in months without a fifth one", () => {
    // 29 March 2027 is the fifth Monday of March.
    expect(weekdayOrdinal("2027-03-29")).toBe(5);
    expect(monthlySeriesDates("2027-03-29", 4)).toEqual(["2027-03-29", "2027-04-26", "2027-05-31", "2027-06-28"]);
  });

  it("crosses a year end and handles a series of one", () => {
    expect(monthlySeriesDates("2026-12-01", 3)).toEqual(["2026-12-01", "2027-01-05", "2027-02-02"]);
    expect(monthlySeriesDates("2027-05-20", 1)).toEqual(["2027-05-20"]);
  });

  it("keeps 14:00 Amsterdam time across the switch to summer time", () => {
    expect(monthlySeriesStarts("2027-02-09", "14:00", 3)).toEqual(["2027-02-09T13:00:00.000Z", "2027-03-09T13:00:00.000Z", "2027-04-13T12:00:00.000Z"]);
  });

  it("reports a series date whose time does not exist", () => {
    // The fourth Sunday of February (28th) leads to the fourth Sunday of March, 28 March 2027,
    // the night summer time starts: 02:30 does not exist then.
    expect(monthlySeriesStarts("2027-02-28", "02:30", 2)).toBeNull();
  });
});

describe("agenda slots", () => {
  const meeting = { startsAt: "2027-01-12T13:00:00.000Z", durationMinutes: 120 }; // 14:00–16:00
  const items = [
    { startsAt: "2027-01-12T13:00:00.000Z", durationMinutes: 30 }, // 14:00–14:30
    { startsAt: "2027-01-12T14:00:00.000Z", durationMinutes: 30 }, // 15:00–15:30
  ];

  it("accepts a slot inside the meeting that touches but does not overlap others", () => {
    expect(slotProblem(meeting, items, { startsAt: "2027-01-12T13:30:00.000Z", durationMinutes: 30 })).toBeNull();
    expect(slotProblem(meeting, items, { startsAt: "2027-01-12T14:30:00.000Z", durationMinutes: 30 })).toBeNull();
  });

  it("refuses a slot outside the meeting, in Dutch, naming the meeting's times", () => {
    expect(slotProblem(meeting, items, { startsAt: "2027-01-12T12:30:00.000Z", durationMinutes: 30 })).toBe(
      "Het agendapunt valt buiten de bijeenkomst. Kies een tijd tussen 14:00–16:00.",
    );
    expect(slotProblem(meeting, items, { startsAt: "2027-01-12T14:45:00.000Z", durationMinutes: 30 })).toMatch(/valt buiten de bijeenkomst/);
  });

  it("refuses an overlapping slot and names the other item", () => {
    expect(slotProblem(meeting, items, { startsAt: "2027-01-12T13:15:00.000Z", durationMinutes: 30 })).toBe(
      "Dit tijdslot overlapt met een ander agendapunt (14:00–14:30).",
    );
    expect(slotProblem(meeting, [], { startsAt: "2027-01-12T13:00:00.000Z", durationMinutes: 2 })).toMatch(/minstens 5 minuten/);
  });

  it("finds the next free slot sequentially from the meeting's start", () => {
    expect(nextFreeSlot(meeting, [], 30)).toBe("2027-01-12T13:00:00.000Z");
    expect(nextFreeSlot(meeting, items, 30)).toBe("2027-01-12T13:30:00.000Z");
    expect(nextFreeSlot(meeting, items, 45)).toBeNull();
    // A gap of 15 minutes is skipped for a 30-minute item: it goes after the second item.
    const tight = [items[0], { startsAt: "2027-01-12T13:45:00.000Z", durationMinutes: 45 }]; // 14:00–14:30, 14:45–15:30
    expect(nextFreeSlot(meeting, tight, 15)).toBe("2027-01-12T13:30:00.000Z");
    expect(nextFreeSlot(meeting, tight, 30)).toBe("2027-01-12T14:30:00.000Z");
    expect(nextFreeSlot(meeting, tight, 31)).toBeNull();
  });
});

describe("clashes", () => {
  it("treats intervals as half-open", () => {
    expect(overlaps({ start: 0, end: 10 }, { start: 10, end: 20 })).toBe(false);
    expect(overlaps({ start: 0, end: 11 }, { start: 10, end: 20 })).toBe(true);
    expect(overlaps({ start: 5, end: 6 }, { start: 0, end: 20 })).toBe(true);
  });

  it("lists each person's overlapping commitments, not the ones that merely touch", () => {
    const planned = [{ startsAt: "2027-01-12T13:00:00.000Z", durationMinutes: 120 }];
    const commitments: Commitment[] = [
      { personId: "a", personName: "Anna", startsAt: "2027-01-12T14:30:00.000Z", durationMinutes: 60, label: "bijeenkomst van tafel X" },
      { personId: "b", personName: "Bram", startsAt: "2027-01-12T15:00:00.000Z", durationMinutes: 60, label: "bijeenkomst van tafel Y" },
      { personId: "c", personName: "Carla", startsAt: "2027-01-12T11:00:00.000Z", durationMinutes: 120, label: "bijeenkomst van tafel Z" },
    ];
    const clashes = findClashes(planned, commitments);
    expect(clashes.map((c) => c.personName)).toEqual(["Anna"]);
    expect(clashes[0].with).toEqual(planned[0]);
  });

  it("checks every meeting of a series", () => {
    const planned = [
      { startsAt: "2027-01-12T13:00:00.000Z", durationMinutes: 60 },
      { startsAt: "2027-02-09T13:00:00.000Z", durationMinutes: 60 },
    ];
    const busy: Commitment[] = [{ personId: "a", personName: "Anna", startsAt: "2027-02-09T13:30:00.000Z", durationMinutes: 30, label: "x" }];
    expect(findClashes(planned, busy)[0].with).toEqual(planned[1]);
  });
});

describe("guest access", () => {
  const meeting = { startsAt: "2027-01-12T13:00:00.000Z", durationMinutes: 120 };

  it("offers the meeting's end plus 14 days, up to and including that Amsterdam day", () => {
    expect(defaultGuestAccessDate(meeting)).toBe("2027-01-26");
    // A meeting ending after midnight Amsterdam time counts from the next day.
    expect(defaultGuestAccessDate({ startsAt: "2027-01-12T22:30:00.000Z", durationMinutes: 60 })).toBe("2027-01-27");
    expect(guestAccessUntil("2027-01-26")).toBe("2027-01-26T23:00:00.000Z");
    expect(guestAccessUntil("2027-07-26")).toBe("2027-07-26T22:00:00.000Z");
  });

  it("accepts a sensible end and refuses one before the meeting ends, in the past or too late", () => {
    const now = new Date("2027-01-01T00:00:00.000Z");
    expect(guestAccessProblem("2027-01-26", meeting, now)).toBeNull();
    expect(guestAccessProblem("2027-01-12", meeting, now)).toBeNull();
    expect(guestAccessProblem("2027-01-11", meeting, now)).toBe("De toegang moet minstens tot het einde van de bijeenkomst lopen.");
    expect(guestAccessProblem("2027-06-01", meeting, now)).toBe("De toegang loopt hoogstens 90 dagen na de bijeenkomst.");
    expect(guestAccessProblem("2027-01-20", meeting, new Date("2027-02-01T00:00:00.000Z"))).toMatch(/toekomst|einde/);
    expect(guestAccessProblem("morgen", meeting, now)).toBe("Vul een geldige datum in.");
  });

  it("is active only before accessUntil", () => {
    const now = new Date("2027-01-20T12:00:00.000Z");
    expect(guestAccessActive("2027-01-20T12:00:01.000Z", now)).toBe(true);
    expect(guestAccessActive("2027-01-20T12:00:00.000Z", now)).toBe(false);
    expect(guestAccessActive(null, now)).toBe(false);
  });
});

describe("small rules", () => {
  it("accepts only https video links", () => {
    expect(isHttpsUrl("https://meet.example.nl/regiotafel")).toBe(true);
    expect(isHttpsUrl("http://meet.example.nl/regiotafel")).toBe(false);
    expect(isHttpsUrl("javascript:alert(1)")).toBe(false);
    expect(isHttpsUrl("meet.example.nl")).toBe(false);
  });

  it("counts cases without naming them", () => {
    expect(agendaCountLabel(0)).toBe("0 casussen op de agenda");
    expect(agendaCountLabel(1)).toBe("1 casus op de agenda");
    expect(agendaCountLabel(3)).toBe("3 casussen op de agenda");
  });
});
