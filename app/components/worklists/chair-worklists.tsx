// The chair's home: what waits at the table they chair.
import type { chairWorklists } from "~/models/worklists.server";
import { WorklistSection } from "./worklist";

type Lists = ReturnType<typeof chairWorklists>;

export function ChairWorklists({ table, lists }: { table: { slug: string; name: string }; lists: Lists }) {
  const caseLink = (item: { caseId: number }) => `/casussen/${item.caseId}`;
  const key = table.slug;
  return (
    <div className="worklists">
      <WorklistSection id={`${key}-screenen`} title="Te screenen" list={lists.toScreen} itemLink={caseLink} more={{ to: `/tafels/${key}/inbox`, label: "Naar de inbox" }} empty="Geen nieuwe verwijzingen." />
      <WorklistSection id={`${key}-plannen`} title="Te agenderen" list={lists.toSchedule} itemLink={caseLink} more={{ to: `/tafels/${key}/bijeenkomsten`, label: "Naar de bijeenkomsten" }} empty="Geen geïncludeerde casussen zonder bespreking." />
      <WorklistSection id={`${key}-advies`} title="Advies aan de verwijzer te geven" list={lists.advicesDue} itemLink={(i) => `/casussen/${i.caseId}/advies`} empty="Geen advies open." />
      <WorklistSection id={`${key}-acties`} title="Acties over de datum" list={lists.overdueActions} itemLink={(i) => `/casussen/${i.caseId}/plan`} empty="Geen acties over de datum." />
      <WorklistSection id={`${key}-termijnen`} title="Termijnen die aandacht vragen" list={lists.terms} itemLink={(i) => `/casussen/${i.caseId}/verloop#termijnen`} empty="Geen termijnen die aandacht vragen." />
    </div>
  );
}
