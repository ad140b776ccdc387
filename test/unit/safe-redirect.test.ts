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
