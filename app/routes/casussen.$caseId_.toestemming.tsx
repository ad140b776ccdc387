import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { ConsentChangeForm } from "~/components/consent/change-form";
import { OverrideSection } from "~/components/consent/override-section";
import { ConsentWithdrawal } from "~/components/consent/withdrawal";
import { ConsentHistory, ConsentInForce } from "~/components/consent-record";
import { z } from "~/domain/dutch-errors";
import { forbidden, requireUser } from "~/lib/auth.server";
import { requireCase } from "~/lib/case-access.server";
import { CONSENT_INTENTS, isOverrideIntent, type ConsentIntent, type OverrideIntent } from "~/lib/consent-form";
import { redirectWithFlash } from "~/lib/flash.server";
import { failure } from "~/lib/forms";
import type { CaseActionResult } from "~/services/case-action.server";
import { CONSENT_ACTIONS, mayOverride } from "~/services/consent-changes.server";
import { consentView } from "~/services/consent-view.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Toestemming ${data.code} – Regiotafel` : "Toestemming – Regiotafel" }];

/** Who may record or withdraw consent: the chair of the case's table, or the referring organisation's referrer. */
const CONSENT_PERMISSIONS = ["case:screen", "referral:track"] as const;

/** Who may reach the override intents at all; whether they may override is the "consent:override" permission (403 otherwise). */
const OVERRIDE_REACH = ["case:screen", "referral:track", "case:read"] as const;

const IntentSchema = z.enum(CONSENT_INTENTS, { errorMap: () => ({ message: "Deze handeling is niet mogelijk." }) });

// Consent after the referral: the chair of the case's table or the referring organisation records
// a new consent (it supersedes the one in force) or withdraws it. Both take effect at once,
// for pages, the API and the live case room.
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await requireUser(request, context);
  const { user, found, visibility } = await requireCase(request, context, params.caseId, CONSENT_PERMISSIONS, "consent.view");
  return consentView(context.services.db, user, found, visibility);
}

/** The page shows a failure in the form of its intent. */
function answer(context: ActionFunctionArgs["context"], result: CaseActionResult, caseId: number, intent: ConsentIntent | OverrideIntent | null) {
  return result.ok ? redirectWithFlash(context, result.to ?? `/casussen/${caseId}/toestemming`, result.message) : { ...result, intent };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const formData = await request.formData();
  const rawIntent = formData.get("intent");
  if (isOverrideIntent(rawIntent)) {
    // Granting or ending an override: reachable for whoever may see the case (others get 404), but
    // only the chair of the case's table may (anyone else gets 403, logged), whatever the page showed.
    const { found } = await requireCase(request, context, params.caseId, OVERRIDE_REACH, "consent.action");
    if (!mayOverride({ context, user, found }, rawIntent)) throw forbidden();
    return answer(context, CONSENT_ACTIONS[rawIntent]({ context, user, found }, formData), found.case.id, rawIntent);
  }
  const { found } = await requireCase(request, context, params.caseId, CONSENT_PERMISSIONS, "consent.action");
  const intent = IntentSchema.safeParse(rawIntent);
  if (!intent.success) return answer(context, failure("Deze handeling is niet mogelijk.", formData), found.case.id, null);
  return answer(context, CONSENT_ACTIONS[intent.data]({ context, user, found }, formData), found.case.id, intent.data);
}

export default function ConsentPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const failed = actionData && !actionData.ok ? actionData : null;
  const { current } = data;

  return (
    <>
      <p className="no-print"><Link to={data.backTo.href}>← {data.backTo.label}</Link></p>
      <h1>Toestemming casus {data.code}</h1>
      <p className="lead">
        Regiotafel {data.tableName}.{" "}
        {data.patientName ? <>Patiënt: {data.patientName}.</> : "De identiteit van de patiënt is voor u afgeschermd."}
      </p>

      <ConsentInForce current={current} activeOverrides={data.activeOverrides} />
      {current && current.status === "active" ? <ConsentWithdrawal withdrawFailed={failed?.intent === "withdraw" ? failed : null} /> : null}
      <ConsentChangeForm data={data} changeFailed={failed && failed.intent !== "withdraw" && !isOverrideIntent(failed.intent) ? failed : null} />
      {data.canOverride ? (
        <OverrideSection data={data} grantFailed={failed?.intent === "override_grant" ? failed : null} endFailed={failed?.intent === "override_end" ? failed : null} />
      ) : null}
      <ConsentHistory history={data.history} />
    </>
  );
}
