// Shown whenever the patient's identity is on screen only because the chair broke through the
// consent (conflict van plichten): the viewer must know the name is not theirs by consent.
export function OverrideBanner({ show }: { show: boolean }) {
  if (!show) return null;
  return (
    <div className="alert alert--warn" role="note" aria-label="Doorbreking van de toestemming">
      <strong>U ziet de identiteit van de patiënt alleen door een doorbreking van de toestemming.</strong> De voorzitter heeft die tijdelijk
      vastgelegd (conflict van plichten). Gebruik de gegevens alleen waarvoor de doorbreking geldt; elke inzage wordt apart gelogd.
    </div>
  );
}
