// One button that runs a WebAuthn ceremony with @simplewebauthn/browser: the route's action gives
// the options (intent "passkey-options"), the browser asks the authenticator, and the answer goes
// back to the same action (`intent`). A redirect from the action is followed; an error is shown.
// Needs JavaScript; the page says so where it offers the button.
import { startAuthentication, startRegistration, WebAuthnError } from "@simplewebauthn/browser";
import { useState } from "react";

type Props = {
  mode: "register" | "login";
  /** The intent that receives the authenticator's answer. */
  intent: string;
  /** The route whose action answers (its id, for Remix's data requests). */
  routeId: string;
  label: string;
  /** More form fields sent with the answer (a name for the passkey, redirectTo). */
  fields?: Record<string, string>;
  className?: string;
};

const FAILED = "Het lukte niet met de passkey. Probeer het opnieuw of kies een andere manier.";

async function post(routeId: string, fields: Record<string, string>): Promise<{ redirect: string } | Record<string, unknown>> {
  const url = new URL(window.location.href);
  url.searchParams.set("_data", routeId);
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.append(k, v);
  const response = await fetch(url, { method: "POST", body, credentials: "same-origin" });
  const redirect = response.headers.get("X-Remix-Redirect");
  if (redirect) return { redirect };
  if (!response.ok && !response.headers.get("Content-Type")?.includes("json")) return { formError: FAILED };
  return (await response.json()) as Record<string, unknown>;
}

const errorOf = (data: Record<string, unknown>) => (typeof data.formError === "string" ? data.formError : FAILED);

export function PasskeyButton({ mode, intent, routeId, label, fields = {}, className = "button" }: Props) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function run() {
    setBusy(true);
    setError(null);
    try {
      const options = await post(routeId, { intent: "passkey-options" });
      if ("redirect" in options) return window.location.assign(String(options.redirect));
      if (!options.passkeyOptions) return setError(errorOf(options));
      const optionsJSON = options.passkeyOptions as never;
      const credential = mode === "register" ? await startRegistration({ optionsJSON }) : await startAuthentication({ optionsJSON });
      const answer = await post(routeId, { ...fields, intent, credential: JSON.stringify(credential) });
      if ("redirect" in answer) return window.location.assign(String(answer.redirect));
      setError(errorOf(answer));
    } catch (e) {
      // Cancelled in the browser's dialog, or no authenticator: say so, in Dutch.
      setError(e instanceof WebAuthnError && e.code === "ERROR_CEREMONY_ABORTED" ? "De passkey-vraag is afgebroken. Probeer het opnieuw." : FAILED);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="passkey-button">
      <button type="button" className={className} onClick={() => void run()} disabled={busy}>
        {busy ? "Bezig met de passkey…" : label}
      </button>
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
