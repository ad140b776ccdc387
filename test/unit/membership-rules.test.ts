import { membershipProblem, selfLockoutProblem } from "../../app/domain/membership-rules";
import { ROLES, type Role } from "../../app/domain/vocabulary";

describe("membershipProblem", () => {
  it.each(["chair", "member"] as Role[])("%s needs a table", (role) => {
    expect(membershipProblem(role, null)).toBe("Kies de tafel waarvoor deze rol geldt.");
    expect(membershipProblem(role, undefined)).toBe("Kies de tafel waarvoor deze rol geldt.");
    expect(membershipProblem(role, 2)).toBeNull();
  });

  it.each(["referrer", "medical_advisor", "project_leader", "admin"] as Role[])("%s must not have a table", (role) => {
    expect(membershipProblem(role, null)).toBeNull();
    expect(membershipProblem(role, 3)).toBe("Deze rol hoort niet bij een tafel. Kies ‘Geen tafel’.");
  });

  it("covers every role: exactly chair and member are table roles", () => {
    const tableRoles = ROLES.filter((role) => membershipProblem(role, 1) === null);
    const nationalOrOrganisationRoles = ROLES.filter((role) => membershipProblem(role, null) === null);
    expect(tableRoles).toEqual(["chair", "member"]);
    expect(nationalOrOrganisationRoles).toEqual(["referrer", "medical_advisor", "project_leader", "admin"]);
  });

  it("treats table id 0 as a table, not as missing", () => {
    expect(membershipProblem("chair", 0)).toBeNull();
    expect(membershipProblem("admin", 0)).not.toBeNull();
  });
});

describe("selfLockoutProblem", () => {
  it("refuses deactivating one's own account", () => {
    expect(selfLockoutProblem("a", "a", { kind: "deactivate" })).toBe("U kunt uw eigen account niet deactiveren.");
  });

  it("refuses removing one's own administrator role", () => {
    expect(selfLockoutProblem("a", "a", { kind: "remove_membership", role: "admin" })).toBe("U kunt uw eigen beheerdersrol niet intrekken.");
  });

  it("allows removing one's own other roles", () => {
    for (const role of ROLES.filter((r) => r !== "admin")) {
      expect(selfLockoutProblem("a", "a", { kind: "remove_membership", role })).toBeNull();
    }
  });

  it("allows both changes to another account", () => {
    expect(selfLockoutProblem("a", "b", { kind: "deactivate" })).toBeNull();
    expect(selfLockoutProblem("a", "b", { kind: "remove_membership", role: "admin" })).toBeNull();
  });
});
