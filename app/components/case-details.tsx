// Sections of the case page added for referral and screening rules: attachments, information
// requests ("meer informatie nodig"), the minimum data set and the patient's other cases.
import { formatDate } from "~/domain/format";
import { formatAmsterdam } from "~/domain/amsterdam-time";
import { CASE_STATE_LABELS, type CaseState } from "~/domain/case-lifecycle";
import { INCLUSION_CRITERIA, LEGAL_FRAMEWORK_LABELS, WLZ_INDICATION_LABELS, type LegalFramework, type WlzIndication } from "~/domain/vocabulary";
import { contentTypeLabel, formatSize } from "~/lib/attachment-format";

type Attachment = { id: number; fileName: string; contentType: string; size: number; uploadedAt: string; uploadedBy: string | null };

export function AttachmentList({ attachments, hidden }: { attachments: Attachment[]; hidden?: boolean }) {
  if (hidden) return <p className="muted">Bijlagen kunnen de patiënt herkenbaar maken en worden zonder toestemming voor uw organisatie niet getoond.</p>;
  if (!attachments.length) return <p className="muted">Er zijn geen bijlagen.</p>;
  return (
    <table className="data">
      <caption className="visually-hidden">Bijlagen</caption>
      <thead>
        <tr><th scope="col">Bestand</th><th scope="col">Soort</th><th scope="col">Grootte</th><th scope="col">Toegevoegd door</th><th scope="col">Datum</th></tr>
      </thead>
      <tbody>
        {attachments.map((a) => (
          <tr key={a.id}>
            <td><a href={`/bijlagen/${a.id}`} download>{a.fileName}</a></td>
            <td>{contentTypeLabel(a.contentType)}</td>
            <td>{formatSize(a.size)}</td>
            <td>{a.uploadedBy ?? <span className="muted">Onbekend</span>}</td>
            <td>{formatAmsterdam(a.uploadedAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

type InformationRequest = {
  id: number;
  question: string;
  askedAt: string;
  askedBy: string | null;
  answer: string | null;
  answeredAt: string | null;
  answeredBy: string | null;
  attachments: { id: number; fileName: string; contentType: string; size: number }[];
};

export function InformationRequestList({ requests }: { requests: InformationRequest[] }) {
  if (!requests.length) return null;
  return (
    <ol className="plain">
      {requests.map((r) => (
        <li key={r.id} className="card">
          <p>
            <strong>Vraag</strong> <span className="muted">({r.askedBy ?? "regiotafel"}, {formatAmsterdam(r.askedAt)})</span>
          </p>
          <p className="pre-wrap">{r.question}</p>
          {r.answeredAt ? (
            <>
              <p>
                <strong>Antwoord</strong> <span className="muted">({r.answeredBy ?? "verwijzer"}, {formatAmsterdam(r.answeredAt)})</span>
              </p>
              <p className="pre-wrap">{r.answer}</p>
              {r.attachments.length ? (
                <ul className="plain">
                  {r.attachments.map((a) => (
                    <li key={a.id}>
                      <a href={`/bijlagen/${a.id}`}>{a.fileName}</a> <span className="muted">({contentTypeLabel(a.contentType)}, {formatSize(a.size)})</span>
                    </li>
                  ))}
                </ul>
              ) : null}
            </>
          ) : (
            <p className="badge badge--warn">Wacht op antwoord van de verwijzer</p>
          )}
        </li>
      ))}
    </ol>
  );
}

type MinimumDataSet = {
  mainDiagnoses: string | null;
  legalFramework: LegalFramework | null;
  legalFrameworkEndDate: string | null;
  livingSituation: string | null;
  generalPractitioner: string | null;
  wlzIndication: WlzIndication | null;
  referrerCriteria: number[];
};

const Missing = () => <span className="muted">Niet opgegeven</span>;

export function MinimumDataSetFacts({ data }: { data: MinimumDataSet }) {
  return (
    <dl className="facts">
      <dt>Hoofddiagnosen</dt><dd>{data.mainDiagnoses ?? <Missing />}</dd>
      <dt>Wettelijk kader</dt>
      <dd>{data.legalFramework ? `${LEGAL_FRAMEWORK_LABELS[data.legalFramework]}${data.legalFrameworkEndDate ? `, tot ${formatDate(data.legalFrameworkEndDate)}` : ""}` : <Missing />}</dd>
      <dt>Woonsituatie</dt><dd>{data.livingSituation ?? <Missing />}</dd>
      <dt>Huisarts</dt><dd>{data.generalPractitioner ?? <Missing />}</dd>
      <dt>Wlz-indicatie</dt><dd>{data.wlzIndication ? WLZ_INDICATION_LABELS[data.wlzIndication] : <Missing />}</dd>
      <dt>Criteria volgens de verwijzer</dt>
      <dd>
        {data.referrerCriteria.length ? (
          <ul className="plain">
            {data.referrerCriteria.map((n) => <li key={n}>{n}. {INCLUSION_CRITERIA.find((c) => c.number === n)?.label}</li>)}
          </ul>
        ) : (
          <Missing />
        )}
      </dd>
    </dl>
  );
}

type OtherCase = { id: number | null; code: string | null; status: CaseState | null; table: string | null; receivedAt: string | null; visible: boolean };

/** One patient per BSN: other cases of this person, as far as consent lets this viewer see them. */
export function OtherCases({ cases }: { cases: OtherCase[] }) {
  if (!cases.length) return null;
  return (
    <div className="alert alert--warn" role="note">
      <p><strong>Er is (of was) nog een casus voor deze persoon</strong> (zelfde BSN):</p>
      <ul>
        {cases.map((c, i) =>
          c.visible ? (
            <li key={c.id}>
              {c.code} bij regiotafel {c.table}: {c.status ? CASE_STATE_LABELS[c.status] : ""}, ontvangen {c.receivedAt ? formatAmsterdam(c.receivedAt) : ""}
            </li>
          ) : (
            <li key={`hidden-${i}`}>Een casus waarvan u de gegevens zonder toestemming van de patiënt niet mag zien.</li>
          ),
        )}
      </ul>
    </div>
  );
}
