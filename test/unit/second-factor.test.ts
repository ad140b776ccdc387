import {
  acceptedSteps,
  isOptionalCapable,
  mustEnrol,
  removalProblem,
  ROLES_WITHOUT_PATIENT_IDENTITY,
  normaliseCode,
  reachableBeforeEnrolment,
  secondFactorRequired,
  stepAccepted,
  stepAt,
  TOTP_PERIOD_SECONDS,
} from "../../app/domain/second-factor";
import { ROLES, type Role } from "../../app/domain/vocabulary";

const as = (...roles: Role[]) => roles.map((role) => ({ role, tableId: role === "chair" || role === "member" ? 1 : null }));

describe("who must use a second factor", () => {
  it("is required for every role by default, and for an account without roles", () => {
    expect(ROLES.filter((role) => secondFactorRequired(as(role)))).toEqual([...ROLES]);
    expect(secondFactorRequired([])).toBe(true);
  });

  it("can be made optional only for roles that never see a patient's identity", () => {
    expect(ROLES_WITHOUT_PATIENT_IDENTITY).toEqual(["project_leader"]);
    expect(ROLES.filter(isOptionalCapable)).toEqual(["project_leader"]);
    const optional: Role[] = ["project_leader"];
    expect(secondFactorRequired(as("project_leader"), optional)).toBe(false);
    // Any other role besides it still requires one.
    expect(secondFactorRequired(as("project_leader", "admin"), optional)).toBe(true);
    expect(secondFactorRequired(as("chair", "member"), optional)).toBe(true);
    expect(secondFactorRequired([], optional)).toBe(true);
  });

  it("sends a user without one to enrolment, unless it is optional for them", () => {
    expect(mustEnrol({ memberships: as("admin"), hasSecondFactor: false })).toBe(true);
    expect(mustEnrol({ memberships: as("chair"), hasSecondFactor: false })).toBe(true);
    expect(mustEnrol({ memberships: as("referrer"), hasSecondFactor: false })).toBe(true);
    expect(mustEnrol({ memberships: as("referrer"), hasSecondFactor: true })).toBe(false);
    expect(mustEnrol({ memberships: as("project_leader"), hasSecondFactor: false })).toBe(true);
    expect(mustEnrol({ memberships: as("project_leader"), hasSecondFactor: false }, ["project_leader"])).toBe(false);
  });

  it("lets such a user reach the enrolment page and nothing else that passes requireUser", () => {
    expect(reachableBeforeEnrolment("/account/tweede-factor")).toBe(true);
    expect(reachableBeforeEnrolment("/account/tweede-factor/")).toBe(true);
    for (const path of ["/", "/beheer/gebruikers", "/beheer/audit", "/account", "/account/tweede-factor-x", "/account/tweede-factor/extra", "/tafels/rotterdam"]) {
      expect(reachableBeforeEnrolment(path), path).toBe(false);
    }
  });

  it("refuses removing the last required factor, in Dutch, and allows it while another remains", () => {
    expect(removalProblem(as("admin"), 0)).toMatch(/^Een tweede factor is voor u verplicht\./);
    expect(removalProblem(as("member"), 0)).not.toBeNull();
    expect(removalProblem(as("member"), 1)).toBeNull();
    expect(removalProblem(as("project_leader"), 0, ["project_leader"])).toBeNull();
  });
});

describe("which steps are accepted", () => {
  it("counts 30-second steps since 1970 (RFC 6238 test time 59 s is step 1)", () => {
    expect(TOTP_PERIOD_SECONDS).toBe(30);
    expect(stepAt(0)).toBe(0);
    expect(stepAt(29_999)).toBe(0);
    expect(stepAt(30_000)).toBe(1);
    expect(stepAt(59_000)).toBe(1);
    expect(stepAt(1_111_111_109_000)).toBe(37_037_036); // RFC 6238 appendix B
  });

  it("accepts the previous, the current and the next step", () => {
    expect(acceptedSteps(100)).toEqual([99, 100, 101]);
  });

  it("accepts any step when no code was used yet", () => {
    expect(stepAccepted(99, null)).toBe(true);
    expect(stepAccepted(0, null)).toBe(true);
  });

  it("refuses the step already used: a code works only once", () => {
    expect(stepAccepted(100, 100)).toBe(false);
  });

  it("refuses an older step of the window once a newer one was used", () => {
    expect(stepAccepted(99, 100)).toBe(false);
    expect(stepAccepted(101, 100)).toBe(true);
  });

  it("refuses a step that is not a whole number", () => {
    expect(stepAccepted(Number.NaN, null)).toBe(false);
    expect(stepAccepted(100.5, 99)).toBe(false);
    expect(stepAccepted(Number.POSITIVE_INFINITY, 1)).toBe(false);
  });
});

describe("reading a typed code", () => {
  it("takes 6 digits, also with a space or dash in the middle as apps show them", () => {
    expect(normaliseCode("123456")).toBe("123456");
    expect(normaliseCode(" 123 456 ")).toBe("123456");
    expect(normaliseCode("123-456")).toBe("123456");
    expect(normaliseCode("012345")).toBe("012345");
  });

  it("refuses anything else", () => {
    for (const input of ["", "12345", "1234567", "12345a", "١٢٣٤٥٦", "123456\u0000", "abcdef"]) expect(normaliseCode(input), JSON.stringify(input)).toBeNull();
  });
});

describe("TOTP codes (app/lib/second-factor.server, otplib at a given time)", async () => {
  const { acceptedStep, stepOfCode, enrolmentToken, enrolmentTokenValid, pendingLoginCookie, readPendingLogin } = await import("../../app/lib/second-factor.server");
  // RFC 6238 appendix B, SHA-1 key "12345678901234567890" in base32; the last 6 of its 8 digits.
  const RFC_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

  it("matches the RFC 6238 test vectors", () => {
    expect(stepOfCode(RFC_SECRET, "287082", 59_000)).toBe(1);
    expect(stepOfCode(RFC_SECRET, "081804", 1_111_111_109_000)).toBe(37_037_036);
    expect(stepOfCode(RFC_SECRET, "050471", 1_111_111_111_000)).toBe(37_037_037);
  });

  it("accepts a code of the neighbouring steps, not two steps away", () => {
    const at = 1_111_111_109_000; // step 37037036, whose code is 081804
    expect(stepOfCode(RFC_SECRET, "081804", at - 30_000)).toBe(37_037_036);
    expect(stepOfCode(RFC_SECRET, "081804", at + 30_000)).toBe(37_037_036);
    expect(stepOfCode(RFC_SECRET, "081804", at + 60_000)).toBeNull();
    expect(stepOfCode(RFC_SECRET, "081805", at)).toBeNull();
  });

  it("refuses the same code after its step was used", () => {
    const at = 1_111_111_109_000;
    expect(acceptedStep(RFC_SECRET, "081804", null, at)).toBe(37_037_036);
    expect(acceptedStep(RFC_SECRET, "081804", 37_037_036, at)).toBeNull();
    expect(acceptedStep(RFC_SECRET, "081804", 37_037_035, at)).toBe(37_037_036);
  });

  it("signs the pending login: tampering, another user and expiry are refused", () => {
    const now = Date.now();
    const cookie = pendingLoginCookie({ userId: "u-1", lastStep: 42 }, false, now).split(";")[0];
    expect(readPendingLogin(cookie, false, now + 1000)).toEqual({ userId: "u-1", lastStep: 42 });
    expect(readPendingLogin(cookie, false, now + 5 * 60_000)).toBeNull();
    const [name, value] = cookie.split("=");
    const parts = value.split(".");
    const otherUser = [Buffer.from("u-2").toString("base64url"), ...parts.slice(1)].join(".");
    const otherStep = [parts[0], parts[1], "43", parts[3]].join(".");
    const longer = [parts[0], String(Number(parts[1]) + 60_000), parts[2], parts[3]].join(".");
    for (const forged of [otherUser, otherStep, longer, `${value}x`, "", "a.b.c.d"]) expect(readPendingLogin(`${name}=${forged}`, false, now)).toBeNull();
    // In production the cookie has the __Host- name (and Secure).
    expect(readPendingLogin(cookie, true, now)).toBeNull();
    expect(pendingLoginCookie({ userId: "u-1", lastStep: null }, true, now)).toMatch(/^__Host-regiotafel_2fa=.*; Path=\/; Max-Age=300; HttpOnly; SameSite=Lax; Secure$/);
  });

  it("binds a secret shown for enrolment to the user and a time limit", () => {
    const now = Date.now();
    const token = enrolmentToken("u-1", RFC_SECRET, now);
    expect(enrolmentTokenValid("u-1", RFC_SECRET, token, now)).toBe(true);
    expect(enrolmentTokenValid("u-2", RFC_SECRET, token, now)).toBe(false);
    expect(enrolmentTokenValid("u-1", "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP", token, now)).toBe(false);
    expect(enrolmentTokenValid("u-1", RFC_SECRET, token, now + 16 * 60_000)).toBe(false);
    expect(enrolmentTokenValid("u-1", RFC_SECRET, `${token}.x`, now)).toBe(false);
  });
});
