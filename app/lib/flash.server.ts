// Success messages after a change ("Toestemming ingetrokken."), carried to the next page in a
// short-lived cookie instead of the URL: they show once, are announced by the layout's live
// region, and do not come back on reload or in a shared link.
import { redirect, type AppLoadContext } from "@remix-run/node";

const NAME = "regiotafel_flash";
const MAX_LENGTH = 300;

export type Flash = { message: string; tone: "ok" | "warn" };

const cookieName = (context: AppLoadContext) => (context.services.config.production ? `__Host-${NAME}` : NAME);

function serialise(context: AppLoadContext, value: string, maxAge: number): string {
  const secure = context.services.config.production ? "; Secure" : "";
  return `${cookieName(context)}=${value}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAge}${secure}`;
}

/** A redirect that shows `message` once on the page it lands on. */
export function redirectWithFlash(context: AppLoadContext, url: string, message: string, tone: Flash["tone"] = "ok", init: ResponseInit = {}) {
  const value = encodeURIComponent(JSON.stringify({ message: message.slice(0, MAX_LENGTH), tone }));
  const headers = new Headers(init.headers);
  headers.append("Set-Cookie", serialise(context, value, 60));
  return redirect(url, { ...init, headers });
}

/** The pending message (if any) and the header that clears it, for the root loader. */
export function takeFlash(request: Request, context: AppLoadContext): { flash: Flash | null; headers: HeadersInit } {
  const name = cookieName(context);
  const raw = request.headers
    .get("Cookie")
    ?.split(/;\s*/)
    .find((part) => part.startsWith(`${name}=`))
    ?.slice(name.length + 1);
  if (!raw) return { flash: null, headers: {} };
  const clear = { "Set-Cookie": serialise(context, "", 0) };
  try {
    const parsed = JSON.parse(decodeURIComponent(raw)) as Partial<Flash>;
    if (typeof parsed.message !== "string" || !parsed.message) return { flash: null, headers: clear };
    return { flash: { message: parsed.message.slice(0, MAX_LENGTH), tone: parsed.tone === "warn" ? "warn" : "ok" }, headers: clear };
  } catch {
    return { flash: null, headers: clear };
  }
}
