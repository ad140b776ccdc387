// Past meetings grow every month for years: the table's meetings page shows them in pages of
// PAST_MEETINGS_PAGE (keyset, newest first), with the one <Pager>; upcoming ones stay whole.
import { eq } from "drizzle-orm";
import { meetings, regionalTables } from "#db/schema";
import { PAST_MEETINGS_PAGE } from "~/models/meetings.server";
import { loggedIn, pageText, startPortal, type TestPortal } from "../helpers/portal";

let t: TestPortal;
beforeAll(async () => {
  t = await startPortal();
});
afterAll(() => t?.close());

const LIST = "/tafels/rotterdam/bijeenkomsten";
const DAY = 86_400_000;

/** The titles in the "Eerdere bijeenkomsten" section, and its next-page link. */
function pastSection(html: string) {
  const start = html.indexOf('id="eerder"');
  const section = html.slice(start, html.indexOf("</section>", start));
  const titles = [...section.matchAll(/<a [^>]*href="\/bijeenkomsten\/\d+">([^<]+)<\/a>/g)].map((m) => m[1]);
  const nextLink = /<a [^>]*rel="next"[^>]*>/.exec(section)?.[0];
  const next = nextLink ? /href="([^"]+)"/.exec(nextLink)![1].replaceAll("&amp;", "&") : null;
  return { titles, next, section };
}

describe("past meetings on the table's meetings page", () => {
  it("are paged: every page holds the page size, page 2 exists, and the pages together hold each past meeting once", async () => {
    const db = t.portal.services.db;
    const table = db.select().from(regionalTables).where(eq(regionalTables.slug, "rotterdam")).get()!;
    // Four years of monthly meetings, plus one a month ahead that must stay among the upcoming ones.
    const past = 48;
    for (let i = 1; i <= past; i++) {
      db.insert(meetings).values({ tableId: table.id, title: `Oud overleg ${i}`, startsAt: new Date(Date.now() - i * 30 * DAY).toISOString(), durationMinutes: 120, location: "Zaal 1", createdAt: new Date().toISOString() }).run();
    }
    db.insert(meetings).values({ tableId: table.id, title: "Volgend overleg", startsAt: new Date(Date.now() + 30 * DAY).toISOString(), durationMinutes: 120, location: "Zaal 1", createdAt: new Date().toISOString() }).run();
    const allPast = db
      .select({ startsAt: meetings.startsAt, durationMinutes: meetings.durationMinutes })
      .from(meetings)
      .where(eq(meetings.tableId, table.id))
      .all()
      .filter((m) => Date.parse(m.startsAt) + m.durationMinutes * 60_000 < Date.now()).length;
    expect(allPast).toBeGreaterThan(2 * PAST_MEETINGS_PAGE);

    const member = await loggedIn(t.url, "lid.rotterdam@regiotafel.test");
    const seen: string[] = [];
    const sizes: number[] = [];
    let path: string | null = LIST;
    while (path && sizes.length < 10) {
      const response = await member.get(path);
      expect(response.status).toBe(200);
      const html = await pageText(response);
      const { titles, next } = pastSection(html);
      if (sizes.length === 0) {
        expect(html).toContain("Volgend overleg"); // upcoming, on the first page
        expect(pastSection(html).section).not.toContain("Volgend overleg");
        expect(titles[0]).toBe("Oud overleg 1"); // newest first
      }
      sizes.push(titles.length);
      seen.push(...titles);
      path = next;
    }
    console.log(`past meetings: ${allPast} in pages of ${sizes.join(", ")}`);
    expect(sizes.length).toBe(Math.ceil(allPast / PAST_MEETINGS_PAGE));
    expect(sizes.slice(0, -1).every((n) => n === PAST_MEETINGS_PAGE)).toBe(true);
    expect(sizes.at(-1)).toBe(allPast - PAST_MEETINGS_PAGE * (sizes.length - 1));
    expect(new Set(seen).size).toBe(allPast);
    expect(seen.filter((title) => title.startsWith("Oud overleg"))).toHaveLength(past);
  });

  it("a forged cursor starts at the top instead of failing", async () => {
    const member = await loggedIn(t.url, "lid.rotterdam@regiotafel.test");
    const response = await member.get(`${LIST}?na=bm90LWEtY3Vyc29y`);
    expect(response.status).toBe(200);
    expect(pastSection(await pageText(response)).titles[0]).toBe("Oud overleg 1");
  });
});
