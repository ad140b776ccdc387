// What the case page and the referrer's page show beyond the referral itself: attachments,
// information requests, earlier codes, the rule that routed the case, the minimum data set,
// and the patient's other cases (one patient per BSN), each cut to what consent allows.
import type { Visibility, Viewer } from "~/domain/consent";
import { caseVisibility } from "~/domain/consent";
import { listAttachments } from "./attachments.server";
import type { Db } from "./db.server";
import { previousCodes } from "./case-codes.server";
import { consentScopeOf, currentConsent, findCase, getPatient } from "./cases.server";
import { informationRequestsOf } from "./information-requests.server";
import { routeResidence } from "./municipalities.server";
import { otherCasesOfPatient } from "./patients.server";

type FoundCase = NonNullable<ReturnType<typeof findCase>>;

export function caseDetails(db: Db, found: FoundCase, viewer: Viewer, visibility: Exclude<Visibility, "none">, options: { isChair: boolean }) {
  const c = found.case;
  const identified = visibility === "identified";
  const patient = identified ? getPatient(db, c.patientId) : null;
  const route = patient ? routeResidence(db, patient.municipality) : null;
  return {
    // Files can identify the patient: listed (and served) only with identity.
    attachments: identified ? listAttachments(db, { caseId: c.id }) : [],
    attachmentsHidden: !identified,
    informationRequests: informationRequestsOf(db, c.id).map((r) => ({ ...r, attachments: identified ? r.attachments : [] })),
    previousCodes: previousCodes(db, c.id),
    routingRule: route?.ok ? route.rule : null,
    minimumDataSet: {
      mainDiagnoses: c.mainDiagnoses,
      legalFramework: c.legalFramework,
      legalFrameworkEndDate: c.legalFrameworkEndDate,
      livingSituation: c.livingSituation,
      generalPractitioner: c.generalPractitioner,
      wlzIndication: c.wlzIndication,
      referrerCriteria: c.referrerCriteria ?? [],
    },
    // Name or birth date that differed from the patient known by this BSN: for the chair, who checks it.
    identityConflicts: options.isChair && identified ? (c.identityConflict ?? []) : [],
    otherCases: identified ? otherCasesFor(db, c.patientId, c.id, viewer) : [],
  };
}

/** The patient's other cases: table, code and status where this viewer may see that case with identity, else only that one exists. */
function otherCasesFor(db: Db, patientId: number, caseId: number, viewer: Viewer) {
  return otherCasesOfPatient(db, patientId, caseId).map((other) => {
    const visible =
      caseVisibility(viewer, consentScopeOf(currentConsent(db, other.id)), { leadOrganisationId: other.leadOrganisationId, referrerOrganisationId: other.referrerOrganisationId }) === "identified";
    return visible
      ? { id: other.id, code: other.code, status: other.status, table: `${other.tableNumber}. ${other.tableName}`, receivedAt: other.receivedAt, visible: true as const }
      : { id: null, code: null, status: null, table: null, receivedAt: null, visible: false as const };
  });
}
