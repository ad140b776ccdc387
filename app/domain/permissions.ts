// The one place that decides who may do what. Pure: it knows roles and scopes, not HTTP.
// Deny by default: a permission without a rule, or a scope the rule does not cover, is refused.
import type { OrganisationType, Role } from "./vocabulary";

export type Membership = { role: Role; tableId: number | null };

export type Principal = {
  userId: string;
  organisationId: number;
  organisationType: OrganisationType;
  memberships: readonly Membership[];
};

/** What an action touches, for permissions that depend on it. */
export type Scope = { tableId?: number | null; organisationId?: number | null; insurerId?: number | null };

const hasRole = (p: Principal, role: Role) => p.memberships.some((m) => m.role === role);
const holdsAtTable = (p: Principal, roles: Role[], tableId: number | null | undefined) =>
  tableId != null && p.memberships.some((m) => roles.includes(m.role) && m.tableId === tableId);

/** An insurer's zorgbemiddeling or medical advisor: who reads and answers published shortfalls. */
const isInsurerUser = (p: Principal) => p.organisationType === "insurer" && (hasRole(p, "referrer") || hasRole(p, "medical_advisor"));

type Rule = (principal: Principal, scope: Scope) => boolean;

const RULES = {
  // Administration and the access log
  "users:manage": (p) => hasRole(p, "admin"),
  "organisations:manage": (p) => hasRole(p, "admin"),
  "tables:manage": (p) => hasRole(p, "admin"),
  "audit:read": (p) => hasRole(p, "admin"),
  // A table's own pages: its chair and members
  "table:read": (p, s) => holdsAtTable(p, ["chair", "member"], s.tableId),
  "table:chair": (p, s) => holdsAtTable(p, ["chair"], s.tableId),
  // National monitoring: aggregates only
  "monitor:read": (p) => hasRole(p, "project_leader"),
  // Referrals are sent by an insurer's zorgbemiddeling or a provider
  "referral:create": (p) => hasRole(p, "referrer"),
  // The referrer follows their own organisation's referrals
  "referral:track": (p, s) => hasRole(p, "referrer") && s.organisationId === p.organisationId,
  // A medical advisor works for their own insurer's insured
  "advice:insured": (p, s) => hasRole(p, "medical_advisor") && s.organisationId === p.organisationId,
  // A case: its table's chair and members, and the advisor of the patient's insurer
  "case:read": (p, s) =>
    holdsAtTable(p, ["chair", "member"], s.tableId) || (hasRole(p, "medical_advisor") && s.insurerId != null && s.insurerId === p.organisationId),
  // Screening, decisions and consent changes: the chair of the case's table
  "case:screen": (p, s) => holdsAtTable(p, ["chair"], s.tableId),
  // Sharing identity without consent (conflict of duties, acute danger): a separate permission,
  // only for the chair of the case's table; every use is logged and every access under it flagged.
  "consent:override": (p, s) => holdsAtTable(p, ["chair"], s.tableId),
  // Published shortfalls (no patient data): the insurers' users, who respond, and the project leader
  "shortfalls:published": (p) => hasRole(p, "project_leader") || isInsurerUser(p),
  "shortfall:respond": (p) => isInsurerUser(p),
  // Level-4 escalations reach the national project leader as non-identifying requests
  "escalation:respond": (p) => hasRole(p, "project_leader"),
  // Intake API tokens for insurers' systems
  "api-tokens:manage": (p) => hasRole(p, "admin"),
} satisfies Record<string, Rule>;

export type Permission = keyof typeof RULES;
export const PERMISSIONS = Object.keys(RULES) as Permission[];

export function can(principal: Principal | null, permission: Permission, scope: Scope = {}): boolean {
  if (!principal) return false;
  // Only the module's own rules: "constructor" or "toString" must not find Object's methods.
  if (!Object.hasOwn(RULES, permission)) return false;
  const rule: Rule = RULES[permission];
  return rule(principal, scope) === true;
}

export const tablesWithRole = (p: Principal, roles: Role[]) =>
  p.memberships.filter((m) => roles.includes(m.role) && m.tableId != null).map((m) => m.tableId as number);

/** The role shown first (home page, audit): the most specific one the user holds. */
const ROLE_PRIORITY: Role[] = ["chair", "member", "medical_advisor", "referrer", "project_leader", "admin"];
export function primaryRole(p: Principal): Role | null {
  return ROLE_PRIORITY.find((r) => hasRole(p, r)) ?? null;
}
