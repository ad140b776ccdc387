import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, Links, Meta, NavLink, Outlet, Scripts, ScrollRestoration, isRouteErrorResponse, useLoaderData, useRouteError } from "@remix-run/react";
import { useNonce } from "./components/nonce";
import { getCurrentUser } from "./lib/auth.server";
import { navigationFor } from "./lib/navigation";
import { ROLE_LABELS } from "./domain/vocabulary";
import { listTableRefs } from "./models/tables.server";
import { unreadCount } from "./models/notifications.server";
import styles from "./styles/app.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ title: "Regiotafel – casuïstiektafels hoogcomplexe ggz" }];

// Public: tells the layout who is signed in (their own name and menu, nothing else).
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await getCurrentUser(request, context);
  if (!user) return { user: null, nav: [] };
  return {
    user: { name: user.name, organisation: user.organisationName, role: user.role ? ROLE_LABELS[user.role] : "", unread: unreadCount(context.services.db, user.id) },
    nav: navigationFor(user.principal, listTableRefs(context.services.db)),
  };
}

function Document({ children }: { children: React.ReactNode }) {
  const nonce = useNonce();
  return (
    <html lang="nl">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#inhoud">Naar de inhoud</a>
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  const { user, nav } = useLoaderData<typeof loader>();
  return (
    <Document>
      <header className="site-header">
        <div className="site-header__inner">
          <Link to="/" className="brand">Regiotafel</Link>
          {user ? (
            <div className="account">
              <span>
                {user.name} · <span className="muted">{user.role}, {user.organisation}</span>
              </span>
              <Link to="/meldingen" className="account-link" aria-label={`Meldingen, ${user.unread} ongelezen`}>
                Meldingen <span className="badge" data-testid="unread-count">{user.unread}</span>
              </Link>
              <Link to="/account/tweede-factor" className="account-link">Tweede factor</Link>
              <Form method="post" action="/uitloggen">
                <button type="submit" className="button button--quiet">Uitloggen</button>
              </Form>
            </div>
          ) : null}
        </div>
        {user ? (
          <nav aria-label="Hoofdmenu" className="main-nav">
            <ul>
              {nav.map((item) => (
                <li key={item.to}>
                  <NavLink to={item.to} end={item.to === "/"}>{item.label}</NavLink>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
      </header>
      <main id="inhoud" className="content" tabIndex={-1}>
        <Outlet />
      </main>
      <footer className="site-footer">
        Regiotafel · landelijk dekkend netwerk van regionale casuïstiektafels hoogcomplexe ggz
      </footer>
    </Document>
  );
}

const ERROR_TEXT: Record<number, string> = {
  403: "U heeft geen toegang tot deze pagina.",
  404: "Deze pagina bestaat niet of u heeft er geen toegang toe.",
  405: "Deze handeling is hier niet mogelijk.",
};

export function ErrorBoundary() {
  const error = useRouteError();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  return (
    <Document>
      <main id="inhoud" className="content">
        <h1>{status === 500 ? "Er ging iets mis" : `Fout ${status}`}</h1>
        <p>{ERROR_TEXT[status] ?? "Probeer het later opnieuw. Blijft het probleem, neem dan contact op met de beheerder."}</p>
        <p><Link to="/">Terug naar het overzicht</Link></p>
      </main>
    </Document>
  );
}
