// Downloading an attachment. A draft's file is only for the draft's author; a case's file for
// whoever may see that case with identity (requireCase). The bytes are checked against the
// checksum recorded at upload; a mismatch is reported (409), never served.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { can } from "~/domain/permissions";
import { contentDisposition, readVerifiedAttachment } from "~/lib/attachments.server";
import { getAttachment, type AttachmentRow } from "~/models/attachments.server";
import { audit } from "~/models/audit.server";
import { actorOf, requireUser, type CurrentUser } from "~/lib/auth.server";
import { caseScope, parseId, requireCase } from "~/lib/case-access.server";
import { findCase } from "~/models/cases.server";
import { findDraft } from "~/models/referral-drafts.server";

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A plain Dutch page for a download that cannot be served (there is no layout for resource routes). */
function errorPage(status: number, title: string, message: string): Response {
  const html = `<!doctype html><html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)} – Regiotafel</title></head><body><main><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p><p><a href="/verwijzingen">Terug naar verwijzingen</a> · <a href="/">Terug naar het overzicht</a></p></main></body></html>`;
  return new Response(html, { status, headers: { "Content-Type": "text/html; charset=utf-8" } });
}

const NOT_FOUND = () => errorPage(404, "Fout 404", "Deze bijlage bestaat niet of u heeft er geen toegang toe.");

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const { db, config } = context.services;
  const attachmentId = parseId(params.attachmentId);
  const attachment = attachmentId ? getAttachment(db, attachmentId) : null;

  let patientId: number | null = null;
  let label = "";
  if (attachment?.caseId != null) {
    // The referrer's organisation follows the case; otherwise the table's (or advisor's) case:read applies.
    const found = findCase(db, attachment.caseId);
    const permission = found && can(user.principal, "referral:track", caseScope("referral:track", found.case)) ? "referral:track" : "case:read";
    let access: Awaited<ReturnType<typeof requireCase>>;
    try {
      access = await requireCase(request, context, String(attachment.caseId), permission, "case.attachment_access");
    } catch (thrown) {
      // Refused (and audited by requireCase): answered exactly like an attachment that does not exist.
      if (thrown instanceof Response && thrown.status === 404) return NOT_FOUND();
      throw thrown;
    }
    if (access.visibility !== "identified") {
      // A file cannot be de-identified: without consent it is not shared outside the chair's organisation.
      denied(context, user, attachment, "bijlage zonder toestemming", access.found.case.patientId);
      return errorPage(403, "Geen toegang tot deze bijlage", "Deze bijlage kan gegevens bevatten waarmee de patiënt herkenbaar is. Zonder toestemming van de patiënt wordt die niet gedeeld.");
    }
    patientId = access.found.case.patientId;
    label = access.found.case.code;
  } else if (attachment?.draftId != null) {
    const draft = findDraft(db, attachment.draftId);
    if (!draft || draft.userId !== user.id) {
      denied(context, user, attachment, "concept van een andere gebruiker", null);
      return NOT_FOUND();
    }
    label = `concept ${draft.id}`;
  } else {
    denied(context, user, null, `onbekende bijlage ${params.attachmentId?.slice(0, 20) ?? ""}`, null);
    return NOT_FOUND();
  }

  const read = await readVerifiedAttachment(config.uploadsPath, attachment);
  if (!read.ok) {
    audit(db, {
      action: "attachment.integrity_error",
      outcome: "failure",
      actor: actorOf(user),
      objectType: "attachment",
      objectId: attachment.id,
      patientId,
      detail: read.reason === "missing" ? `${label}: bestand ontbreekt` : `${label}: sha256 ${read.actual} wijkt af van ${attachment.sha256}`,
      origin: context.origin,
    });
    return errorPage(
      409,
      "Bijlage niet beschikbaar",
      read.reason === "missing"
        ? "Het bestand van deze bijlage is niet gevonden. De beheerder is hiervan op de hoogte gebracht via het auditlog."
        : "Het bestand van deze bijlage is gewijzigd sinds het werd toegevoegd en wordt daarom niet gegeven. De beheerder kan dit in het auditlog terugvinden.",
    );
  }

  audit(db, {
    action: "attachment.download",
    actor: actorOf(user),
    objectType: "attachment",
    objectId: attachment.id,
    patientId,
    detail: `${label}: ${attachment.contentType}, ${attachment.size} bytes`,
    origin: context.origin,
  });
  return new Response(read.bytes, {
    status: 200,
    headers: {
      "Content-Type": attachment.contentType,
      "Content-Length": String(read.bytes.byteLength),
      "Content-Disposition": contentDisposition(attachment.fileName),
      // X-Content-Type-Options: nosniff is set on every response by the security headers (server/security.ts);
      // setting it here too would send it twice.
      "Cache-Control": "no-store",
    },
  });
}

function denied(context: LoaderFunctionArgs["context"], user: CurrentUser, attachment: AttachmentRow | null, why: string, patientId: number | null) {
  audit(context.services.db, {
    action: "attachment.denied",
    outcome: "denied",
    actor: actorOf(user),
    objectType: "attachment",
    objectId: attachment?.id,
    patientId,
    detail: why,
    origin: context.origin,
  });
}
