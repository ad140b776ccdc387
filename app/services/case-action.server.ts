// What every case page's action handler shares: who acts on which case, what it answers (a
// message and where to go, or the form's failure), the audit line, and the redirect with the
// one-time flash message. A route parses the intent and calls the intent's one handler.
import type { AppLoadContext } from "@remix-run/node";
import { audit } from "~/models/audit.server";
import { actorOf, type CurrentUser } from "~/lib/auth.server";
import { redirectWithFlash } from "~/lib/flash.server";
import type { FormFailure } from "~/lib/forms";
import type { findCase } from "~/models/cases.server";

export type CaseActionContext = { context: AppLoadContext; user: CurrentUser; found: NonNullable<ReturnType<typeof findCase>> };
/** Done: go to `to` (the page itself when absent) and say `message` once. */
export type CaseActionResult = { ok: true; message: string; to?: string } | FormFailure;
export type CaseActionHandler = (ctx: CaseActionContext, formData: FormData) => CaseActionResult;

export const actorIds = ({ user }: CaseActionContext) => ({ userId: user.id, organisationId: user.organisationId });

/** The audit line of a change to the case (or its plan, an arrangement …), with the patient. */
export function recordCaseChange({ context, user, found }: CaseActionContext, action: string, detail: string, object: { type: string; id?: number } = { type: "case" }) {
  const c = found.case;
  audit(context.services.db, { action, actor: actorOf(user), objectType: object.type, objectId: object.id ?? c.id, patientId: c.patientId, detail: `${c.code}: ${detail}`, origin: context.origin });
}

/** The action's answer: the failure for the form, or a redirect that shows the message once. */
export function answerCaseAction(context: AppLoadContext, result: CaseActionResult, page: string) {
  return result.ok ? redirectWithFlash(context, result.to ?? page, result.message) : result;
}
