// The 6-digit code of a second factor: a numeric keyboard on phones, filled in by password
// managers and the OS (autocomplete="one-time-code"); never shown again after an error.
export function CodeField({ error, label = "Verificatiecode" }: { error?: string; label?: string }) {
  return (
    <div className={`field${error ? " field--error" : ""}`}>
      <label htmlFor="veld-code">{label}<span aria-hidden="true"> *</span></label>
      <p className="hint" id="veld-code-hint">De 6 cijfers die uw authenticator-app nu toont.</p>
      <input
        id="veld-code"
        name="code"
        type="text"
        inputMode="numeric"
        autoComplete="one-time-code"
        pattern="[0-9 ]*"
        maxLength={7}
        required
        aria-invalid={error ? true : undefined}
        aria-describedby={`veld-code-hint${error ? " veld-code-fout" : ""}`}
      />
      {error ? <p className="field-error" id="veld-code-fout">{error}</p> : null}
    </div>
  );
}
