// The menus a user sees, derived from what the permission module lets them do: the main menu
// holds the work, the account menu the person's own settings.
import { can, tablesWithRole, type Principal } from "~/domain/permissions";

export type NavItem = { to: string; label: string; menu?: "main" | "account" };
export type TableRef = { id: number; slug: string; name: string };

export function navigationFor(principal: Principal, tables: readonly TableRef[]): NavItem[] {
  const items: NavItem[] = [{ to: "/", label: "Overzicht" }];
  const myTables = new Set(tablesWithRole(principal, ["chair", "member"]));
  const mine = tables.filter((t) => myTables.has(t.id));
  for (const table of mine) {
    // One table (the usual case): its inbox and meetings are top-level; several: via each table's page.
    const suffix = mine.length > 1 ? ` ${table.name}` : "";
    items.push({ to: `/tafels/${table.slug}`, label: `Tafel ${table.name}` });
    items.push({ to: `/tafels/${table.slug}/inbox`, label: `Inbox${suffix}` });
    items.push({ to: `/tafels/${table.slug}/bijeenkomsten`, label: `Bijeenkomsten${suffix}` });
    if (can(principal, "table:chair", { tableId: table.id })) items.push({ to: `/tafels/${table.slug}/rapportage`, label: `Rapportage${suffix}` });
  }
  if (can(principal, "referral:create")) items.push({ to: "/verwijzingen", label: "Verwijzingen" });
  if (can(principal, "advice:insured", { organisationId: principal.organisationId })) items.push({ to: "/adviseur", label: "Casussen verzekerden" });
  if (can(principal, "monitor:read")) items.push({ to: "/monitor", label: "Landelijke monitor" });
  if (can(principal, "shortfalls:published")) items.push({ to: "/tekorten", label: "Gepubliceerde tekorten" });
  if (can(principal, "escalation:respond")) items.push({ to: "/opschalingen", label: "Opschalingen" });
  if (can(principal, "users:manage")) items.push({ to: "/beheer/gebruikers", label: "Gebruikers" });
  if (can(principal, "organisations:manage")) items.push({ to: "/beheer/organisaties", label: "Organisaties" });
  if (can(principal, "tables:manage")) items.push({ to: "/beheer/gemeenten", label: "Gemeenten" });
  if (can(principal, "audit:read")) items.push({ to: "/beheer/audit", label: "Auditlog" });
  if (can(principal, "api-tokens:manage")) items.push({ to: "/beheer/api-tokens", label: "API-tokens" });
  if (can(principal, "users:manage")) items.push({ to: "/beheer/mail", label: "E-mail" });
  // Account settings: only what applies to this person.
  if (mine.length > 0) items.push({ to: "/agenda/abonnement", label: "Agenda-abonnement", menu: "account" });
  items.push({ to: "/account/tweede-factor", label: "Tweede factor", menu: "account" });
  return items;
}

export const mainMenu = (items: readonly NavItem[]) => items.filter((i) => (i.menu ?? "main") === "main");
export const accountMenu = (items: readonly NavItem[]) => items.filter((i) => i.menu === "account");

/**
 * The one item that is current: the longest menu path the page lies under ("/tafels/x/inbox"
 * for the inbox, not also "/tafels/x"); "/" only on the home page itself.
 */
export function currentItem(items: readonly NavItem[], pathname: string): string | null {
  let best: string | null = null;
  for (const { to } of items) {
    const under = to === "/" ? pathname === "/" : pathname === to || pathname.startsWith(`${to}/`);
    if (under && (best === null || to.length > best.length)) best = to;
  }
  return best;
}
