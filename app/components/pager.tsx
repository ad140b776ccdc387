// The one pager under every paged list: links (work without JavaScript), Dutch labels, and the
// current position for screen readers. The loader builds the links (pagination.server.ts).
import { Link } from "@remix-run/react";
import { describePage, type Page } from "~/domain/pagination";

type Noun = { one: string; many: string };

export function PageSummary({ page, noun }: { page: Page<unknown>; noun: Noun }) {
  return <p className="pager__summary">{describePage(page, noun)}</p>;
}

export function Pager({ page, label, noun }: { page: Page<unknown>; label: string; noun: Noun }) {
  if (!page.prev && !page.next) return <PageSummary page={page} noun={noun} />;
  return (
    <nav className="pager" aria-label={`Pagina's: ${label}`}>
      <PageSummary page={page} noun={noun} />
      <ul>
        <li>
          {page.first ? <Link to={page.first}>Eerste pagina</Link> : <span className="pager__off" aria-disabled="true">Eerste pagina</span>}
        </li>
        <li>
          {page.prev ? <Link to={page.prev} rel="prev">‹ Vorige pagina</Link> : <span className="pager__off" aria-disabled="true">‹ Vorige pagina</span>}
        </li>
        <li>
          {page.next ? <Link to={page.next} rel="next">Volgende pagina ›</Link> : <span className="pager__off" aria-disabled="true">Volgende pagina ›</span>}
        </li>
      </ul>
    </nav>
  );
}
