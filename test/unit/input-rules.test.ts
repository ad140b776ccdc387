// The portal's shared input rules: free text without control characters (dutch-errors.ts), one
// rule for calendar dates (amsterdam-time.ts), and API bodies of any depth never overflowing the
// stack (api-request.server.ts).
import { isCalendarDate } from "~/domain/amsterdam-time";
import { BIDI_CONTROL_MESSAGE, calendarDate, CONTROL_CHARACTER_MESSAGE, plainText, showControlCharacters, withoutControlCharacters } from "~/domain/dutch-errors";
import { passwordProblem } from "~/domain/password-policy";
import { PatientSchema } from "~/domain/referral-schema";
import { canonicalJson, nestedDeeperThan } from "~/lib/api-request.server";

const deep = (depth: number, leaf: unknown = 1): unknown => {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
};

describe("plainText", () => {
  const oneLine = plainText({ required: "Vul de naam in.", max: 10 });
  const multiLine = plainText({ multiline: true, required: true, max: 100 });
  const messages = (result: { success: boolean; error?: { issues: { message: string }[] } }) => result.error?.issues.map((i) => i.message) ?? [];

  it("refuses NUL, ESC, BEL, DEL and the other control characters, with a Dutch message", () => {
    for (const bad of ["abc\u0000def", "\u001b[31mrood", "bel\u0007", "del\u007f", "a\u000bb", "a\u000cb", "a\u0008b", "c1\u0085", "c1\u009b"]) {
      expect(messages(oneLine.safeParse(bad)), JSON.stringify(bad)).toEqual([CONTROL_CHARACTER_MESSAGE]);
      expect(messages(multiLine.safeParse(bad)), JSON.stringify(bad)).toEqual([CONTROL_CHARACTER_MESSAGE]);
    }
  });

  it("refuses every bidi control (U+202A–202E, U+2066–2069, U+200E/200F, U+061C) in free text, with a Dutch message (finding 9 of issue 13)", () => {
    const controls = [0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069, 0x200e, 0x200f, 0x061c].map((c) => String.fromCharCode(c));
    let refused = 0;
    for (const c of controls) {
      for (const schema of [oneLine, multiLine]) {
        expect(messages(schema.safeParse(`ab${c}cd`)), c.charCodeAt(0).toString(16)).toEqual([BIDI_CONTROL_MESSAGE]);
        refused++;
      }
    }
    // Right-to-left script itself stays allowed, and so does the zero-width joiner of emoji.
    expect(multiLine.parse("مرحبا שלום 👩‍⚕️")).toBe("مرحبا שלום 👩‍⚕️");
    console.log(`bidi controls: ${controls.length} characters × 2 kinds of text → ${refused} refused`);
  });

  it("allows tab and line breaks only in multi-line text", () => {
    expect(multiLine.parse("regel 1\r\nregel 2\tmet tab")).toBe("regel 1\r\nregel 2\tmet tab");
    expect(messages(oneLine.safeParse("Jan\tJansen"))).toEqual([CONTROL_CHARACTER_MESSAGE]);
    expect(messages(oneLine.safeParse("Jan\nJansen"))).toEqual([CONTROL_CHARACTER_MESSAGE]);
  });

  it("trims, keeps ordinary Unicode, and applies required and max", () => {
    expect(oneLine.parse("  Zoë 👩‍⚕️ ")).toBe("Zoë 👩‍⚕️");
    expect(messages(oneLine.safeParse("   "))).toEqual(["Vul de naam in."]);
    expect(messages(oneLine.safeParse(undefined))).toEqual(["Vul de naam in."]);
    expect(messages(oneLine.safeParse("x".repeat(11)))).toEqual(["Vul hoogstens 10 tekens in."]);
    expect(messages(multiLine.safeParse(""))).toEqual(["Dit veld is verplicht."]);
  });

  it("is used by the referral schema", () => {
    const patient = { name: "Jan\u0000Jansen", bsn: "111222333", dateOfBirth: "1985-05-17", municipality: "Rotterdam", province: "Zuid-Holland", insurer: "VGZ" };
    const parsed = PatientSchema.safeParse(patient);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.flatten().fieldErrors.name).toEqual([CONTROL_CHARACTER_MESSAGE]);
  });

  it("drafts drop control characters but keep tabs and line breaks", () => {
    expect(withoutControlCharacters("a\u0000b\u001b[0mc\u007f\td\r\ne")).toBe("ab[0mc\td\r\ne");
  });

  it("logs show control characters as their pictures", () => {
    expect(showControlCharacters("a\u0000b\u001bc\u0007d\u007fe\tf\u0085")).toBe("a␀b␛c␇d␡e\tf\ufffd");
  });

  it("passwords with control characters are refused in Dutch", () => {
    expect(passwordProblem("\u0001\u0007\u0008\u001b[31mrood\u001b[0m\u007f")).toMatch(/stuurtekens/);
    expect(passwordProblem("Paars\u0000konijn-fietst-2026")).toMatch(/stuurtekens/);
    expect(passwordProblem("Paars konijn fietst naar Zwolle")).toBeNull();
  });
});

describe("dates", () => {
  it("accepts only days that exist", () => {
    for (const day of ["2026-02-28", "2028-02-29", "2026-12-31", "1969-11-02", "1900-01-01"]) expect(isCalendarDate(day), day).toBe(true);
    for (const day of ["2026-02-30", "2025-02-29", "2026-04-31", "2026-13-01", "0000-00-00", "1899-12-31", "31-12-2020", "2026-2-1", " 2026-02-01"]) {
      expect(isCalendarDate(day), day).toBe(false);
    }
  });

  it("calendarDate says what is missing and what is wrong", () => {
    const schema = calendarDate("Vul de begindatum in.");
    expect(schema.safeParse("").error?.issues.map((i) => i.message)).toEqual(["Vul de begindatum in."]);
    expect(schema.safeParse("2026-02-30").error?.issues.map((i) => i.message)).toEqual(["Vul een geldige datum in."]);
    expect(schema.parse(" 2026-03-01 ")).toBe("2026-03-01");
  });

  it("a date of birth of 30 February is refused", () => {
    const patient = { name: "Jan Jansen", bsn: "111222333", dateOfBirth: "2020-02-30", municipality: "Rotterdam", province: "Zuid-Holland", insurer: "VGZ" };
    expect(PatientSchema.safeParse(patient).error?.flatten().fieldErrors.dateOfBirth).toEqual(["Vul een bestaande datum in."]);
  });
});

describe("API bodies of any depth", () => {
  it("measures nesting without recursion", () => {
    expect(nestedDeeperThan(deep(64), 64)).toBe(false);
    expect(nestedDeeperThan(deep(65), 64)).toBe(true);
    expect(nestedDeeperThan(deep(200_000), 64)).toBe(true);
    expect(nestedDeeperThan({ a: [1, { b: "x" }], c: null }, 3)).toBe(false);
    expect(nestedDeeperThan("tekst", 0)).toBe(false);
  });

  it("canonicalJson sorts keys, drops undefined like JSON.stringify, and survives any depth", () => {
    expect(canonicalJson({ b: 1, a: [3, { d: undefined, c: "x" }, null], e: undefined })).toBe('{"a":[3,{"c":"x"},null],"b":1}');
    expect(canonicalJson([])).toBe("[]");
    expect(canonicalJson({})).toBe("{}");
    expect(canonicalJson("ä\u0000")).toBe(JSON.stringify("ä\u0000"));
    expect(canonicalJson({ z: { y: 1, x: 2 }, a: 0 })).toBe(canonicalJson({ a: 0, z: { x: 2, y: 1 } }));
    const text = canonicalJson(deep(100_000));
    expect(text.length).toBeGreaterThan(100_000);
    expect(() => JSON.parse(text)).not.toThrow();
  });
});
