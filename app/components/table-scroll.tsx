// A wide table scrolls inside its own box on a narrow screen instead of widening the page.
// Focusable and named, so keyboard users can scroll it too (axe: scrollable-region-focusable).
import type { ReactNode } from "react";

export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
    <div className="table-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
