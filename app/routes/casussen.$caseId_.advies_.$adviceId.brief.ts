import type { LoaderFunctionArgs } from "@remix-run/node";
import { adviceLetterPdf } from "~/lib/advice-letter.server";
import { notFound } from "~/lib/auth.server";
import { parseId, requireCase } from "~/lib/case-access.server";
import { pdfResponse } from "~/lib/pdf.server";
import { getPatient } from "~/models/cases.server";
import { adviceOfCase } from "~/models/referrer-advice.server";

// The advice letter: the table's chair, the referrer's organisation and the insurer's advisor.
// The name and date of birth only when the consent in force shows them to this reader.
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { found, visibility } = await requireCase(request, context, params.caseId, ["case:screen", "referral:track", "advice:insured"], "advice.download");
  const { db } = context.services;
  const id = parseId(params.adviceId);
  const advice = id ? adviceOfCase(db, found.case.id, id) : null;
  if (!advice?.recordedAt) throw notFound();
  const patient = visibility === "identified" ? getPatient(db, found.case.patientId) : null;
  const pdf = await adviceLetterPdf({
    advice,
    code: found.case.code,
    tableName: found.tableName,
    tableNumber: found.tableNumber,
    patient: patient ? { name: patient.name, dateOfBirth: patient.dateOfBirth } : null,
  });
  return pdfResponse(pdf, `advies-${found.case.code}-${advice.id}.pdf`);
}
