import { json, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import {
  Link,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  isRouteErrorResponse,
  useLoaderData,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import { SiteHeader } from "./components/site-header";
import { PageAnnouncer, FlashMessage } from "./components/live-region";
import { useNonce } from "./components/nonce";
import { getCurrentUser } from "./lib/auth.server";
import { takeFlash } from "./lib/flash.server";
import { navigationFor, type NavItem } from "./lib/navigation";
import { ROLE_LABELS } from "./domain/vocabulary";
import { listTableRefs } from "./models/tables.server";
import { unreadCount } from "./models/notifications.server";
import styles from "./styles/app.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "icon", href: "/favicon.ico", sizes: "32x32" },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

const errorStatus = (error: unknown) => (isRouteErrorResponse(error) ? error.status : 500);
const errorTitle = (status: number) =>
  status === 404 ? "Pagina niet gevonden" : status === 403 ? "Geen toegang" : status === 500 ? "Er ging iets mis" : `Fout ${status}`;

export const meta: MetaFunction = ({ error }) => [
  { title: error ? `${errorTitle(errorStatus(error))} – Regiotafel` : "Regiotafel – casuïstiektafels hoogcomplexe ggz" },
];

// The layout's data changes with every page (menu, one-time message): always reload it.
export const shouldRevalidate = () => true;

// Public: tells the layout who is signed in (their own name and menu, nothing else).
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { flash, headers } = takeFlash(request, context);
  const user = await getCurrentUser(request, context);
  if (!user) return json({ user: null, nav: [] as NavItem[], flash }, { headers });
  return json(
    {
      user: { name: user.name, organisation: user.organisationName, role: user.role ? ROLE_LABELS[user.role] : "", unread: unreadCount(context.services.db, user.id) },
      nav: navigationFor(user.principal, listTableRefs(context.services.db)),
      flash,
    },
    { headers },
  );
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

type RootData = ReturnType<typeof useLoaderData<typeof loader>>;

/** Header, menu, messages and footer around a page: the same for pages and error pages. */
function Layout({ data, children }: { data: RootData | undefined; children: React.ReactNode }) {
  return (
    <Document>
      <SiteHeader user={data?.user ?? null} nav={data?.nav ?? []} />
      <main id="inhoud" className="content" tabIndex={-1}>
        <FlashMessage flash={data?.flash ?? null} />
        {children}
      </main>
      <PageAnnouncer />
      <footer className="site-footer">
        Regiotafel · landelijk dekkend netwerk van regionale casuïstiektafels hoogcomplexe ggz
      </footer>
    </Document>
  );
}

export default function App() {
  const data = useLoaderData<typeof loader>();
  return (
    <Layout data={data}>
      <Outlet />
    </Layout>
  );
}

const ERROR_TEXT: Record<number, string> = {
  403: "U heeft geen toegang tot deze pagina.",
  404: "Deze pagina bestaat niet of u heeft er geen toegang toe.",
  405: "Deze handeling is hier niet mogelijk.",
};

export function ErrorBoundary() {
  const error = useRouteError();
  // The layout's data is there when only the page failed (a 404 inside the portal).
  const data = useRouteLoaderData<typeof loader>("root");
  const status = errorStatus(error);
  const title = errorTitle(status);
  return (
    <Layout data={data}>
      <h1>{title}</h1>
      <p>{ERROR_TEXT[status] ?? "Probeer het later opnieuw. Blijft het probleem, neem dan contact op met de beheerder."}</p>
      <p><Link to="/">Terug naar het overzicht</Link></p>
    </Layout>
  );
}
