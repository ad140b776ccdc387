import { can, PERMISSIONS, primaryRole, tablesWithRole, type Membership, type Permission, type Principal, type Scope } from "~/domain/permissions";
import type { OrganisationType, Role } from "~/domain/vocabulary";

// Principals built by hand, as authenticateCookieHeader would. Organisation ids: 1 VGZ, 2 Zilveren Kruis,
// 10 Parnassia, 20 the national project office. Tables 1..7.
function principal(memberships: Membership[], organisationId = 10, organisationType: OrganisationType = "ggz_provider"): Principal {
  return { userId: `u-${memberships.map((m) => `${m.role}${m.tableId ?? ""}`).join("-")}`, organisationId, organisationType, memberships };
}

const ADMIN = principal([{ role: "admin", tableId: null }], 20, "national_project_office");
const PROJECT_LEADER = principal([{ role: "project_leader", tableId: null }], 20, "national_project_office");
const CHAIR_2 = principal([{ role: "chair", tableId: 2 }]);
const MEMBER_2 = principal([{ role: "member", tableId: 2 }], 30, "addiction_care");
const REFERRER_VGZ = principal([{ role: "referrer", tableId: null }], 1, "insurer");
const ADVISOR_VGZ = principal([{ role: "medical_advisor", tableId: null }], 1, "insurer");
const NOBODY = principal([], 10); // an account without any role

/**
 * Each role against each permission, in the scope that role would use (its own table, its own
 * organisation). The expected set is written out, so a rule that widens or narrows shows up here.
 */
const EXPECTED: Record<string, { p: Principal; scope: Scope; allowed: Permission[] }> = {
  admin: { p: ADMIN, scope: { tableId: 2, organisationId: 20, insurerId: 20 }, allowed: ["users:manage", "organisations:manage", "tables:manage", "audit:read", "api-tokens:manage"] },
  project_leader: { p: PROJECT_LEADER, scope: { tableId: 2, organisationId: 20, insurerId: 20 }, allowed: ["monitor:read", "shortfalls:published", "escalation:respond"] },
  chair: { p: CHAIR_2, scope: { tableId: 2, organisationId: 10, insurerId: 10 }, allowed: ["table:read", "table:chair", "case:read", "case:screen", "consent:override"] },
  member: { p: MEMBER_2, scope: { tableId: 2, organisationId: 30, insurerId: 30 }, allowed: ["table:read", "case:read"] },
  referrer: { p: REFERRER_VGZ, scope: { tableId: 2, organisationId: 1, insurerId: 1 }, allowed: ["referral:create", "referral:track", "shortfalls:published", "shortfall:respond"] },
  medical_advisor: { p: ADVISOR_VGZ, scope: { tableId: 2, organisationId: 1, insurerId: 1 }, allowed: ["advice:insured", "case:read", "shortfalls:published", "shortfall:respond"] },
  no_role: { p: NOBODY, scope: { tableId: 2, organisationId: 10, insurerId: 10 }, allowed: [] },
};

describe("each permission for each role", () => {
  it("knows exactly the permissions this test covers", () => {
    expect([...PERMISSIONS].sort()).toEqual(
      [
        "users:manage",
        "organisations:manage",
        "tables:manage",
        "audit:read",
        "table:read",
        "table:chair",
        "monitor:read",
        "referral:create",
        "referral:track",
        "advice:insured",
        "case:read",
        "case:screen",
        "consent:override",
        "api-tokens:manage",
        "shortfalls:published",
        "shortfall:respond",
        "escalation:respond",
      ].sort(),
    );
  });

  for (const [role, { p, scope, allowed }] of Object.entries(EXPECTED)) {
    for (const permission of PERMISSIONS) {
      const expected = allowed.includes(permission);
      it(`${role} ${expected ? "may" : "may not"} ${permission}`, () => {
        expect(can(p, permission, scope)).toBe(expected);
      });
    }
  }

  it("the whole matrix has no unexpected allow", () => {
    const unexpected: string[] = [];
    for (const [role, { p, scope, allowed }] of Object.entries(EXPECTED)) {
      for (const permission of PERMISSIONS) if (can(p, permission, scope) && !allowed.includes(permission)) unexpected.push(`${role} ${permission}`);
    }
    expect(unexpected).toEqual([]);
  });
});

describe("published shortfalls reach the insurers, not every referrer", () => {
  it("a care provider's referrer neither reads nor answers them; an insurer's users do", () => {
    const providerReferrer = principal([{ role: "referrer", tableId: null }], 10, "ggz_provider");
    expect(can(providerReferrer, "shortfalls:published")).toBe(false);
    expect(can(providerReferrer, "shortfall:respond")).toBe(false);
    expect(can(REFERRER_VGZ, "shortfall:respond")).toBe(true);
    expect(can(PROJECT_LEADER, "shortfall:respond")).toBe(false);
  });
});

describe("deny by default", () => {
  const everyone = Object.values(EXPECTED).map((e) => e.p);

  it("refuses a permission string that has no rule, for every role", () => {
    for (const p of everyone) {
      for (const unknown of ["users:delete", "table:write", "TABLE:READ", "table:read ", "", "*"]) {
        expect(can(p, unknown as Permission, { tableId: 2, organisationId: p.organisationId })).toBe(false);
      }
    }
  });

  it("refuses names every object inherits (constructor, toString, …): a rule must be the module's own", () => {
    // RULES is a plain object: RULES["constructor"] is Object, which returns its (truthy) argument.
    const outcome = (p: Principal, name: string) => {
      try {
        return can(p, name as Permission, { tableId: 2, organisationId: p.organisationId });
      } catch (error) {
        return `throws ${(error as Error).message}`;
      }
    };
    for (const p of everyone) {
      for (const inherited of ["constructor", "toString", "valueOf", "hasOwnProperty", "__proto__", "isPrototypeOf"]) {
        expect(outcome(p, inherited), inherited).toBe(false);
      }
    }
  });

  it("refuses every permission to a null principal", () => {
    for (const permission of PERMISSIONS) {
      expect(can(null, permission)).toBe(false);
      expect(can(null, permission, { tableId: 2, organisationId: 1 })).toBe(false);
    }
  });

  it("refuses table permissions without a table in the scope", () => {
    expect(can(CHAIR_2, "case:read")).toBe(false);
    expect(can(CHAIR_2, "case:screen", { tableId: null })).toBe(false);
    expect(can(CHAIR_2, "table:read")).toBe(false);
    expect(can(CHAIR_2, "table:chair", {})).toBe(false);
    expect(can(CHAIR_2, "table:read", { tableId: null })).toBe(false);
    expect(can(MEMBER_2, "table:read", { tableId: undefined })).toBe(false);
  });

  it("refuses organisation permissions without an organisation in the scope", () => {
    expect(can(REFERRER_VGZ, "referral:track")).toBe(false);
    expect(can(REFERRER_VGZ, "referral:track", { organisationId: null })).toBe(false);
    expect(can(ADVISOR_VGZ, "advice:insured")).toBe(false);
    expect(can(ADVISOR_VGZ, "advice:insured", { organisationId: null })).toBe(false);
  });

  it("gives a role held at a table (chair of table 2) nothing national or administrative", () => {
    for (const permission of ["users:manage", "audit:read", "monitor:read", "referral:create"] as Permission[]) {
      expect(can(CHAIR_2, permission, { tableId: 2 })).toBe(false);
    }
  });
});

describe("table scoping", () => {
  it("a chair of table 2 chairs and reads table 2 only", () => {
    expect(can(CHAIR_2, "table:chair", { tableId: 2 })).toBe(true);
    expect(can(CHAIR_2, "table:read", { tableId: 2 })).toBe(true);
    for (const tableId of [1, 3, 4, 5, 6, 7, 99]) {
      expect(can(CHAIR_2, "table:chair", { tableId })).toBe(false);
      expect(can(CHAIR_2, "table:read", { tableId })).toBe(false);
    }
  });

  it("a member of table 2 reads table 2 but does not chair it", () => {
    expect(can(MEMBER_2, "table:read", { tableId: 2 })).toBe(true);
    expect(can(MEMBER_2, "table:chair", { tableId: 2 })).toBe(false);
    expect(can(MEMBER_2, "table:read", { tableId: 3 })).toBe(false);
  });

  it("cases follow their table: read by its chair and members, screened by its chair only", () => {
    expect(can(CHAIR_2, "case:read", { tableId: 2 })).toBe(true);
    expect(can(CHAIR_2, "case:screen", { tableId: 2 })).toBe(true);
    expect(can(MEMBER_2, "case:read", { tableId: 2 })).toBe(true);
    expect(can(MEMBER_2, "case:screen", { tableId: 2 })).toBe(false);
    for (const tableId of [1, 3, 7]) {
      expect(can(CHAIR_2, "case:read", { tableId })).toBe(false);
      expect(can(CHAIR_2, "case:screen", { tableId })).toBe(false);
      expect(can(MEMBER_2, "case:read", { tableId })).toBe(false);
    }
    // The table's own organisation as "insurer" of the case opens nothing for a chair of another table.
    const chair3 = principal([{ role: "chair", tableId: 3 }], 1, "insurer");
    expect(can(chair3, "case:read", { tableId: 2, insurerId: 1 })).toBe(false);
  });

  it("only the chair of the case's own table may override consent; members, other chairs and national roles may not", () => {
    expect(can(CHAIR_2, "consent:override", { tableId: 2 })).toBe(true);
    expect(can(CHAIR_2, "consent:override", {})).toBe(false);
    expect(can(CHAIR_2, "consent:override", { tableId: null })).toBe(false);
    for (const tableId of [1, 3, 7]) expect(can(CHAIR_2, "consent:override", { tableId })).toBe(false);
    expect(can(MEMBER_2, "consent:override", { tableId: 2 })).toBe(false);
    // A chair role without a table (bad data) opens no override anywhere.
    const loose = principal([{ role: "chair", tableId: null }]);
    expect(can(loose, "consent:override", { tableId: 2 })).toBe(false);
    for (const p of [ADMIN, PROJECT_LEADER, REFERRER_VGZ, ADVISOR_VGZ, NOBODY]) {
      expect(can(p, "consent:override", { tableId: 2, organisationId: p.organisationId, insurerId: p.organisationId })).toBe(false);
    }
  });

  it("a chair of table 2 and member of table 3 chairs 2, reads both, chairs not 3", () => {
    const both = principal([
      { role: "chair", tableId: 2 },
      { role: "member", tableId: 3 },
    ]);
    expect(can(both, "table:chair", { tableId: 2 })).toBe(true);
    expect(can(both, "table:read", { tableId: 3 })).toBe(true);
    expect(can(both, "table:chair", { tableId: 3 })).toBe(false);
    expect(can(both, "table:read", { tableId: 4 })).toBe(false);
    expect(tablesWithRole(both, ["chair"])).toEqual([2]);
    expect(tablesWithRole(both, ["chair", "member"]).sort()).toEqual([2, 3]);
  });

  it("a table role without a table (bad data) opens no table", () => {
    const loose = principal([{ role: "chair", tableId: null }]);
    expect(can(loose, "table:chair", { tableId: null })).toBe(false);
    expect(can(loose, "table:read", { tableId: 2 })).toBe(false);
    expect(tablesWithRole(loose, ["chair"])).toEqual([]);
  });

  it("admin and project leader do not read a table's own pages", () => {
    for (const p of [ADMIN, PROJECT_LEADER, REFERRER_VGZ, ADVISOR_VGZ]) {
      for (const tableId of [1, 2, 7]) {
        expect(can(p, "table:read", { tableId })).toBe(false);
        expect(can(p, "table:chair", { tableId })).toBe(false);
      }
    }
  });
});

describe("organisation scoping", () => {
  it("a referrer tracks referrals of their own organisation only", () => {
    expect(can(REFERRER_VGZ, "referral:track", { organisationId: 1 })).toBe(true);
    expect(can(REFERRER_VGZ, "referral:track", { organisationId: 2 })).toBe(false);
    expect(can(REFERRER_VGZ, "referral:track", { organisationId: 10 })).toBe(false);
  });

  it("a medical advisor advises on their own insurer's insured only", () => {
    expect(can(ADVISOR_VGZ, "advice:insured", { organisationId: 1 })).toBe(true);
    expect(can(ADVISOR_VGZ, "advice:insured", { organisationId: 2 })).toBe(false);
  });

  it("a medical advisor reads cases of their own insurer's insured only, at any table, and never screens", () => {
    for (const tableId of [1, 2, 7]) {
      expect(can(ADVISOR_VGZ, "case:read", { tableId, insurerId: 1 })).toBe(true);
      expect(can(ADVISOR_VGZ, "case:read", { tableId, insurerId: 2 })).toBe(false);
      expect(can(ADVISOR_VGZ, "case:screen", { tableId, insurerId: 1 })).toBe(false);
    }
    expect(can(ADVISOR_VGZ, "case:read", { tableId: 2 })).toBe(false);
    expect(can(ADVISOR_VGZ, "case:read", { tableId: 2, insurerId: null })).toBe(false);
    // organisationId is not insurerId: the case's insurer decides, not whichever organisation is in the scope.
    expect(can(ADVISOR_VGZ, "case:read", { tableId: 2, organisationId: 1 })).toBe(false);
    // A referrer of the same insurer does not read cases.
    expect(can(REFERRER_VGZ, "case:read", { tableId: 2, insurerId: 1 })).toBe(false);
  });

  it("the organisation alone is not enough: the role is needed too", () => {
    // Same organisation as the referrer and advisor, but the other role.
    expect(can(ADVISOR_VGZ, "referral:track", { organisationId: 1 })).toBe(false);
    expect(can(REFERRER_VGZ, "advice:insured", { organisationId: 1 })).toBe(false);
    const colleague = principal([{ role: "member", tableId: 2 }], 1, "insurer");
    expect(can(colleague, "referral:track", { organisationId: 1 })).toBe(false);
    expect(can(colleague, "advice:insured", { organisationId: 1 })).toBe(false);
  });

  it("a referrer of a provider (Parnassia) tracks Parnassia's referrals, not VGZ's", () => {
    const parnassia = principal([{ role: "referrer", tableId: null }], 10);
    expect(can(parnassia, "referral:create")).toBe(true);
    expect(can(parnassia, "referral:track", { organisationId: 10 })).toBe(true);
    expect(can(parnassia, "referral:track", { organisationId: 1 })).toBe(false);
  });
});

describe("primaryRole", () => {
  const cases: [Membership[], Role | null][] = [
    [[{ role: "admin", tableId: null }], "admin"],
    [[{ role: "project_leader", tableId: null }], "project_leader"],
    [[{ role: "referrer", tableId: null }], "referrer"],
    [[{ role: "medical_advisor", tableId: null }], "medical_advisor"],
    [[{ role: "member", tableId: 3 }], "member"],
    [[{ role: "chair", tableId: 2 }], "chair"],
    [[], null],
    // The most specific role wins, whatever order the memberships come in.
    [[{ role: "admin", tableId: null }, { role: "chair", tableId: 2 }], "chair"],
    [[{ role: "member", tableId: 3 }, { role: "chair", tableId: 2 }], "chair"],
    [[{ role: "project_leader", tableId: null }, { role: "member", tableId: 1 }], "member"],
    [[{ role: "admin", tableId: null }, { role: "project_leader", tableId: null }], "project_leader"],
    [[{ role: "referrer", tableId: null }, { role: "medical_advisor", tableId: null }], "medical_advisor"],
  ];
  for (const [memberships, expected] of cases) {
    it(`${memberships.map((m) => m.role).join(" + ") || "no role"} → ${expected}`, () => {
      expect(primaryRole(principal(memberships))).toBe(expected);
    });
  }
});
