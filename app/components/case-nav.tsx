import { NavLink } from "@remix-run/react";

// The pages about one case, as tabs; the chair also gets consent and the patient's access log.
export function CaseNav({ caseId, isChair }: { caseId: number; isChair: boolean }) {
  const base = `/casussen/${caseId}`;
  const tabs = [
    { to: base, label: "Casus", end: true },
    { to: `${base}/overleg`, label: "Casusoverleg" },
    { to: `${base}/plan`, label: "Behandel- en zorgplan" },
    { to: `${base}/arrangementen`, label: "Maatwerk-arrangementen" },
    { to: `${base}/verloop`, label: "Opschaling, plaatsing en termijnen" },
    { to: `${base}/advies`, label: "Advies aan verwijzer" },
    ...(isChair
      ? [
          { to: `${base}/toestemming`, label: "Toestemming" },
          { to: `${base}/inzage`, label: "Inzage (toegangslog)" },
        ]
      : []),
  ];
  return (
    <nav aria-label="Onderdelen van deze casus" className="case-nav no-print">
      <ul>
        {tabs.map((tab) => (
          <li key={tab.to}>
            <NavLink to={tab.to} end={tab.end}>{tab.label}</NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
