// One list of waiting work on the home page: a heading with the count, the first items (case code,
// what is asked, date, badges) and a link to the full list. Nothing waiting says so in one line.
import { Link } from "@remix-run/react";
import { Badge, StatusBadge, UrgencyBadge } from "~/components/badge";
import { formatDate } from "~/domain/format";
import type { WorkItem, Worklist } from "~/models/worklists.server";

type Props = {
  id: string;
  title: string;
  list: Worklist;
  /** Where one item leads (the case page, its plan, …). */
  itemLink: (item: WorkItem) => string;
  /** The full list, when there is one. */
  more?: { to: string; label: string };
  empty: string;
};

export function WorklistSection({ id, title, list, itemLink, more, empty }: Props) {
  return (
    <section className="worklist" aria-labelledby={id}>
      <h3 id={id}>
        {title} <span className="worklist__count">{list.count}</span>
      </h3>
      {list.count ? (
        <ul className="worklist__items">
          {list.items.map((item, i) => (
            <li key={`${item.caseId}-${i}`}>
              <Link to={itemLink(item)}>{item.code}</Link>
              {item.text ? <span> · {item.text}</span> : null}
              {item.owner ? <span> · {item.owner}</span> : null}
              {item.date ? <span className="muted"> · {formatDate(item.date)}</span> : null}{" "}
              {item.status ? <StatusBadge status={item.status} /> : null}{" "}
              {item.urgency && item.urgency !== "regular" ? <UrgencyBadge urgency={item.urgency} short /> : null}{" "}
              {item.overdue ? <Badge tone="error">Te laat</Badge> : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{empty}</p>
      )}
      {more && list.count > list.items.length ? (
        <p><Link to={more.to}>{more.label} ({list.count})</Link></p>
      ) : more && list.count ? (
        <p><Link to={more.to}>{more.label}</Link></p>
      ) : null}
    </section>
  );
}
