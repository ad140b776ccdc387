// Choosing organisations out of a long list (34 and growing): checkboxes grouped by type, then by
// region, in fieldsets, so it works without JavaScript. With JavaScript a text filter narrows the
// list; a hidden box that was ticked stays ticked and is still sent.
import { useEffect, useId, useState } from "react";
import { FieldGroup } from "~/components/form";
import type { FieldErrors } from "~/lib/forms";
import { ORGANISATION_TYPE_LABELS, ORGANISATION_TYPES, type OrganisationType } from "~/domain/vocabulary";

export type PickableOrganisation = { id: number; name: string; type: OrganisationType; region: string };

const normalise = (text: string) => text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();

export function OrganisationPicker({
  name,
  legend,
  hint,
  organisations,
  checked,
  errors,
}: {
  name: string;
  legend: string;
  hint?: string;
  organisations: PickableOrganisation[];
  checked: string[];
  errors?: FieldErrors;
}) {
  const filterId = useId();
  // The filter is an enhancement: it appears only once JavaScript runs.
  const [enhanced, setEnhanced] = useState(false);
  const [filter, setFilter] = useState("");
  useEffect(() => setEnhanced(true), []);
  const wanted = normalise(filter.trim());
  const matches = (o: PickableOrganisation) => !wanted || normalise(`${o.name} ${o.region} ${ORGANISATION_TYPE_LABELS[o.type]}`).includes(wanted);
  const groups = ORGANISATION_TYPES.map((type) => {
    const ofType = organisations.filter((o) => o.type === type);
    const regions = [...new Set(ofType.map((o) => o.region))].sort((a, b) => a.localeCompare(b, "nl"));
    return { type, regions: regions.map((region) => ({ region, organisations: ofType.filter((o) => o.region === region) })) };
  }).filter((g) => g.regions.length);
  const shown = organisations.filter(matches).length;

  return (
    <FieldGroup name={name} legend={legend} hint={hint} errors={errors}>
      {enhanced ? (
        <div className="field organisation-picker__filter">
          <label htmlFor={filterId}>Zoek een organisatie</label>
          <input id={filterId} type="search" value={filter} onChange={(e) => setFilter(e.target.value)} aria-describedby={`${filterId}-aantal`} autoComplete="off" />
          <p className="hint" id={`${filterId}-aantal`} aria-live="polite">
            {wanted ? `${shown} van ${organisations.length} organisaties` : `${organisations.length} organisaties`}
          </p>
        </div>
      ) : null}
      {groups.map((group) => (
        <fieldset key={group.type} className="organisation-picker__type" hidden={!group.regions.some((r) => r.organisations.some(matches))}>
          <legend>{ORGANISATION_TYPE_LABELS[group.type]}</legend>
          {group.regions.map(({ region, organisations: list }) => (
            <fieldset key={region} className="organisation-picker__region" hidden={!list.some(matches)}>
              <legend>{region}</legend>
              <ul className="plain columns">
                {list.map((o) => (
                  <li key={o.id} hidden={!matches(o)}>
                    <label className="checkbox">
                      <input type="checkbox" name={name} value={o.id} defaultChecked={checked.includes(String(o.id))} />
                      {o.name}
                    </label>
                  </li>
                ))}
              </ul>
            </fieldset>
          ))}
        </fieldset>
      ))}
    </FieldGroup>
  );
}
