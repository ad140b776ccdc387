// A long page's table of contents: links to the sections that are on the page for this user.
// Plain anchors, so it works without JavaScript and each section can be linked to.
export type PageSection = { id: string; label: string };

export function SectionNav({ sections, label = "Op deze pagina" }: { sections: PageSection[]; label?: string }) {
  if (sections.length < 2) return null;
  return (
    <nav aria-label={label} className="section-nav no-print">
      <ul>
        {sections.map((s) => (
          <li key={s.id}>
            <a href={`#${s.id}`}>{s.label}</a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
