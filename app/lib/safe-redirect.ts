const BASE = "http://portal.invalid";

/**
 * Only a path on this site, never another origin (open redirect), and always a valid Location
 * header. Browsers drop tabs and newlines from a Location ("/\t/evil.example" becomes
 * "//evil.example") and read "\" as "/", and a control character would break the header: all
 * refused. Other characters outside printable ASCII ("/é", a space) are percent-encoded as UTF-8;
 * a lone surrogate, which has no UTF-8 form, is refused.
 */
export function safeRedirect(to: string | null | undefined): string {
  if (!to || !to.startsWith("/") || to.startsWith("//") || /[\u0000-\u001f\u007f\\]/.test(to)) return "/";
  let encoded: string;
  try {
    encoded = to.replace(/[^\u0021-\u007e]+/g, (run) => encodeURIComponent(run));
  } catch {
    return "/";
  }
  return new URL(encoded, BASE).origin === BASE ? encoded : "/";
}
