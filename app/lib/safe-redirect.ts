const BASE = "http://portal.invalid";

/**
 * Only a path on this site, never another origin (open redirect). Browsers drop tabs and
 * newlines from a Location ("/\t/evil.example" becomes "//evil.example") and read "\" as "/",
 * and a control character would break the header: all refused.
 */
export function safeRedirect(to: string | null | undefined): string {
  if (!to || !to.startsWith("/") || to.startsWith("//") || /[\u0000-\u001f\u007f\\]/.test(to)) return "/";
  return new URL(to, BASE).origin === BASE ? to : "/";
}
