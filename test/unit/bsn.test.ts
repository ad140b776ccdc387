// The burgerservicenummer elfproef (app/domain/bsn.ts).
import { isValidBsn, normaliseBsn } from "~/domain/bsn";

describe("isValidBsn", () => {
  it.each(["111222333", "123456782"])("%s passes the elfproef", (bsn) => {
    expect(isValidBsn(bsn)).toBe(true);
  });

  it("123456789 fails the elfproef (last digit off)", () => {
    expect(isValidBsn("123456789")).toBe(false);
  });

  it("000000000 is refused although its sum is 0", () => {
    expect(isValidBsn("000000000")).toBe(false);
  });

  it("an eight-digit number gets its leading zero back", () => {
    expect(normaliseBsn("10000008")).toBe("010000008");
    expect(isValidBsn("10000008")).toBe(true);
    expect(isValidBsn("010000008")).toBe(true);
    // Eight digits whose nine-digit form fails stay invalid.
    expect(isValidBsn("10000009")).toBe(false);
  });

  it("spaces, dots and dashes as typed are ignored", () => {
    expect(normaliseBsn("1234.56.782")).toBe("123456782");
    expect(isValidBsn("123 456 782")).toBe(true);
    expect(isValidBsn("123-456-782")).toBe(true);
  });

  it.each(["12345678a", "abcdefghi", "12345678", "1234567820", "", "1234567", "١٢٣٤٥٦٧٨٢"])("%j is not a BSN", (bsn) => {
    expect(isValidBsn(bsn)).toBe(false);
  });
});
