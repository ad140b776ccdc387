// The referrer's home: questions from the table that wait for their answer, and the table's advices.
import type { referrerWorklists } from "~/models/worklists.server";
import { WorklistSection } from "./worklist";

export function ReferrerWorklists({ lists }: { lists: ReturnType<typeof referrerWorklists> }) {
  const referral = (i: { caseId: number }) => `/verwijzingen/${i.caseId}`;
  return (
    <div className="worklists">
      <WorklistSection id="vragen" title="Vragen van de tafel" list={lists.questions} itemLink={referral} more={{ to: "/verwijzingen", label: "Alle verwijzingen" }} empty="Geen open vragen." />
      <WorklistSection id="antwoorden" title="Adviezen van de tafel" list={lists.answers} itemLink={referral} more={{ to: "/verwijzingen", label: "Alle verwijzingen" }} empty="Nog geen adviezen." />
    </div>
  );
}
