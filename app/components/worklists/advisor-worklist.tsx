// The medical advisor's home: the outcomes presented for their check.
import type { Worklist } from "~/models/worklists.server";
import { WorklistSection } from "./worklist";

export function AdvisorWorklist({ presented }: { presented: Worklist }) {
  return (
    <div className="worklists">
      <WorklistSection id="voorgelegd" title="Voorgelegd voor uw toetsing" list={presented} itemLink={(i) => `/casussen/${i.caseId}`} more={{ to: "/adviseur", label: "Alle casussen van verzekerden" }} empty="Er ligt niets voor u klaar." />
    </div>
  );
}
