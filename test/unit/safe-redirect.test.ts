import fc from "fast-check";
import { safeRedirect } from "../../app/lib/safe-redirect";

describe("safeRedirect (where a login or enrolment returns to)", () => {
  it("keeps a path of this site", () => {
    for (const to of ["/", "/beheer/audit", "/beheer/audit?user=a%20b&from=2020-01-01", "/tafels/rotterdam#inbox"]) expect(safeRedirect(to)).toBe(to);
  });

  it("refuses anything that a browser could take to another site, or that breaks the header", () => {
    for (const to of [undefined, null, "", "beheer", "//evil.example/", "/\\evil.example/", "/\t/evil.example/", "/\n/evil.example/", "/\r\nSet-Cookie: x=1", "https://evil.example/", "/\u0000"]) {
      expect(safeRedirect(to), JSON.stringify(to)).toBe("/");
    }
  });
});

describe("safeRedirect for any input (property test)", () => {
  // fast-check: arbitrary strings, unicode and paths built from hostile pieces.
  const pieces = fc.constantFrom("/", "//", "\\", "é", "\u202e", "\ud800", " ", "%", "?", "#", "evil.example", "\t", "\n", ":", "@", "..", "x");
  const inputs = fc.oneof(fc.string({ unit: "binary" }), fc.string({ unit: "grapheme" }).map((s) => `/${s}`), fc.array(pieces, { maxLength: 8 }).map((p) => p.join("")));

  it("always returns a same-site path that is a valid header value", () => {
    let checked = 0;
    fc.assert(
      fc.property(inputs, (input) => {
        const to = safeRedirect(input);
        checked++;
        expect(to.startsWith("/") && !to.startsWith("//")).toBe(true);
        expect(to).toMatch(/^[\u0021-\u007e]+$/); // printable ASCII only: a Location header never throws
        expect(new URL(to, "http://portal.invalid").origin).toBe("http://portal.invalid");
        expect(() => new Headers({ Location: to })).not.toThrow();
      }),
      { numRuns: 2_000 },
    );
    console.log(`safeRedirect: ${checked} generated targets, 0 off-site, 0 invalid headers`);
  });

  it("encodes a non-ASCII path instead of failing", () => {
    expect(safeRedirect("/é")).toBe("/%C3%A9");
    expect(safeRedirect("/tafels/rotterdam?q=één")).toBe("/tafels/rotterdam?q=%C3%A9%C3%A9n");
    expect(safeRedirect("/\ud800")).toBe("/");
  });
});
