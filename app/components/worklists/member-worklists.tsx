// A table member's home: the next meeting with its agenda, and actions they own that are overdue.
import { Link } from "@remix-run/react";
import { formatMeeting } from "~/domain/format";
import type { nextMeetingOf, Worklist } from "~/models/worklists.server";
import { WorklistSection } from "./worklist";

type NextMeeting = NonNullable<ReturnType<typeof nextMeetingOf>>;

export function MemberWorklists({ meeting, actions }: { meeting: NextMeeting | null; actions: Worklist }) {
  return (
    <div className="worklists">
      <section className="worklist" aria-labelledby="volgende-bijeenkomst">
        <h3 id="volgende-bijeenkomst">Volgende bijeenkomst</h3>
        {meeting ? (
          <>
            <p>
              <Link to={`/bijeenkomsten/${meeting.id}`}>{meeting.title}</Link>
              <br />
              {formatMeeting(meeting.startsAt, meeting.durationMinutes)}
              {meeting.location ? <span className="muted"> · {meeting.location}</span> : null}
            </p>
          </>
        ) : (
          <p className="muted">Er is geen bijeenkomst gepland.</p>
        )}
      </section>
      {meeting ? (
        <WorklistSection id="agenda" title="Op de agenda" list={meeting.agenda} itemLink={(i) => `/casussen/${i.caseId}`} more={{ to: `/bijeenkomsten/${meeting.id}`, label: "De hele agenda" }} empty="Nog niets op de agenda." />
      ) : null}
      <WorklistSection id="mijn-acties" title="Uw acties over de datum" list={actions} itemLink={(i) => `/casussen/${i.caseId}/plan`} empty="Geen acties over de datum." />
    </div>
  );
}
