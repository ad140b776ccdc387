// Recovery codes: shown once, right after they were made; the page afterwards only counts them.
import { Form } from "@remix-run/react";

export function RecoveryCodes({ codes, left, canGenerate, busy }: { codes: string[] | null; left: number; canGenerate: boolean; busy: boolean }) {
  return (
    <section className="card" aria-labelledby="herstelcodes">
      <h2 id="herstelcodes">Herstelcodes</h2>
      <p>
        Telefoon of passkey kwijt? Met een herstelcode logt u één keer in zonder tweede factor; daarna stelt u een nieuwe in.
        Elke code werkt één keer.
      </p>
      {codes ? (
        <div className="alert alert--warn" role="status">
          <p>
            <strong>Bewaar deze {codes.length} codes nu</strong>, op papier of in een wachtwoordkluis. Ze worden maar één keer getoond; het portaal bewaart
            ze alleen onleesbaar. Eerdere herstelcodes werken niet meer.
          </p>
          <ol className="recovery-codes" aria-label="Uw nieuwe herstelcodes">
            {codes.map((code) => (
              <li key={code}>
                <code>{code}</code>
              </li>
            ))}
          </ol>
        </div>
      ) : (
        <p>{left > 0 ? `U heeft nog ${left} ongebruikte herstelcode${left === 1 ? "" : "s"}.` : "U heeft geen ongebruikte herstelcodes."}</p>
      )}
      {canGenerate ? (
        <Form method="post">
          <input type="hidden" name="intent" value="recovery-generate" />
          <button type="submit" className="button button--secondary" disabled={busy}>
            {left > 0 || codes ? "Nieuwe herstelcodes maken" : "Herstelcodes maken"}
          </button>
        </Form>
      ) : (
        <p>Stel eerst een tweede factor in; daarna kunt u herstelcodes maken.</p>
      )}
    </section>
  );
}
