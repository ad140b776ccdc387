// Rows of the same fields that a form grows and shrinks without JavaScript: each row is a fieldset
// with a numbered legend and id (the error summary links to it); "verwijderen" and the add button
// are submit buttons whose intent (`<removeIntent>:<index>`, `addIntent`) the action answers with
// the same form, one row less or more.
import type { ReactNode } from "react";

export function RepeatedRows({
  count,
  noun,
  idPrefix,
  removeIntent,
  addIntent,
  addLabel,
  children,
}: {
  count: number;
  /** The row's legend before its number, e.g. "Poging". */
  noun: string;
  idPrefix: string;
  removeIntent: string;
  addIntent: string;
  addLabel: string;
  children: (index: number) => ReactNode;
}) {
  return (
    <>
      {Array.from({ length: count }, (_, i) => (
        <fieldset key={i} id={`${idPrefix}-${i + 1}`}>
          <legend>{`${noun} ${i + 1}`}</legend>
          {children(i)}
          {count > 1 ? (
            <button type="submit" name="intent" value={`${removeIntent}:${i}`} className="button button--secondary button--small">{`${noun} ${i + 1} verwijderen`}</button>
          ) : null}
        </fieldset>
      ))}
      <button type="submit" name="intent" value={addIntent} className="button button--secondary">{addLabel}</button>
    </>
  );
}
