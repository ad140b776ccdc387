// The chair's "publish" intent on the table's shortfall register: one service function, so the
// route only dispatches. Publishing is audited and tells the insurers and the project leader.
import type { AppLoadContext } from "@remix-run/node";
import { notifyShortfallPublished } from "~/models/notifications.server";
import { publishShortfall } from "~/models/shortfall-publication.server";
import { audit } from "~/models/audit.server";
import { actorOf, type CurrentUser } from "./auth.server";
import { redirectWithFlash } from "./flash.server";
import { failure } from "./forms";
import { notifier } from "./notifier.server";

export function publishIntent(context: AppLoadContext, table: { id: number; slug: string; name: string }, user: CurrentUser, formData: FormData) {
  const { db } = context.services;
  const id = Number(formData.get("id"));
  const confirmed = formData.get("confirmNoPatientData") === "on";
  const result = Number.isSafeInteger(id) && id > 0 ? publishShortfall(db, table.id, id, confirmed, user.id) : { ok: false as const, error: "Dit tekort bestaat niet (meer) bij deze tafel." };
  if (!result.ok) return { ...failure(result.error, formData), intent: "publish" as const };
  audit(db, { action: "shortfall.publish", actor: actorOf(user), objectType: "shortfall", objectId: id, detail: `${table.slug}: gepubliceerd`, origin: context.origin });
  notifyShortfallPublished(notifier(context), id, table.name);
  return redirectWithFlash(context, `/tafels/${table.slug}/tekorten`, "Het tekort is gepubliceerd: de zorgverzekeraars en de landelijk projectleider zien het nu.");
}
