// The portal's header: brand, the main menu (one current item; collapsible on narrow screens
// once JavaScript runs, fully visible without it) and the account menu (a <details>, so it also
// works without JavaScript).
import { Form, Link, useLocation } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { accountMenu, currentItem, mainMenu, type NavItem } from "~/lib/navigation";

type HeaderUser = { name: string; organisation: string; role: string; unread: number };

export function SiteHeader({ user, nav }: { user: HeaderUser | null; nav: NavItem[] }) {
  const { pathname } = useLocation();
  const [hydrated, setHydrated] = useState(false);
  const [menuOpen, setMenuOpen] = useState(false);
  const accountRef = useRef<HTMLDetailsElement>(null);
  useEffect(() => setHydrated(true), []);
  // A new page closes the menus it was chosen from.
  useEffect(() => {
    setMenuOpen(false);
    if (accountRef.current) accountRef.current.open = false;
  }, [pathname]);

  const main = mainMenu(nav);
  const account = accountMenu(nav);
  const current = currentItem(main, pathname);
  const currentAccount = currentItem(account, pathname);

  return (
    <header className="site-header">
      <div className="site-header__inner">
        <Link to="/" className="brand">Regiotafel</Link>
        {user ? (
          <div className="site-header__tools">
            {hydrated ? (
              <button
                type="button"
                className="menu-toggle"
                aria-expanded={menuOpen}
                aria-controls="hoofdmenu"
                onClick={() => setMenuOpen((open) => !open)}
              >
                Menu
              </button>
            ) : null}
            <Link to="/meldingen" className="notice-link" aria-current={pathname === "/meldingen" ? "page" : undefined}>
              Meldingen <span className="badge" data-testid="unread-count">{user.unread}</span>
              <span className="visually-hidden"> ongelezen</span>
            </Link>
            <details className="account-menu" ref={accountRef}>
              <summary>
                <span className="account-menu__name">{user.name}</span>
                <span className="visually-hidden">, accountmenu</span>
              </summary>
              <div className="account-menu__panel">
                <p className="account-menu__who">
                  {user.name}
                  <br />
                  <span className="muted">{user.role}{user.role && user.organisation ? ", " : ""}{user.organisation}</span>
                </p>
                <ul>
                  {account.map((item) => (
                    <li key={item.to}>
                      <Link to={item.to} aria-current={item.to === currentAccount ? "page" : undefined}>{item.label}</Link>
                    </li>
                  ))}
                </ul>
                <Form method="post" action="/uitloggen">
                  <button type="submit" className="button button--secondary button--small">Uitloggen</button>
                </Form>
              </div>
            </details>
          </div>
        ) : null}
      </div>
      {user ? (
        <nav aria-label="Hoofdmenu" className={`main-nav${hydrated && !menuOpen ? " main-nav--collapsible" : ""}`} id="hoofdmenu">
          <ul>
            {main.map((item) => (
              <li key={item.to}>
                <Link to={item.to} aria-current={item.to === current ? "page" : undefined}>{item.label}</Link>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
    </header>
  );
}
