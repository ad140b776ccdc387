// Signs a demo account in over HTTP, as a browser would (with an Origin header), through the
// second-factor step with the demo accounts' TOTP secret: the session cookie.
import { totpCode } from "../app/lib/second-factor.server";
import { DEMO_TOTP_SECRET } from "../db/seed";

async function post(baseUrl: string, fields: Record<string, string>, cookie?: string) {
  return fetch(`${baseUrl}/inloggen`, {
    method: "POST",
    headers: { Origin: baseUrl, "Content-Type": "application/x-www-form-urlencoded", ...(cookie ? { Cookie: cookie } : {}) },
    body: new URLSearchParams(fields),
    redirect: "manual",
  });
}

const cookieNamed = (response: Response, name: string) => response.headers.getSetCookie().map((c) => c.split(";")[0]).find((c) => c.startsWith(`${name}=`));

/** One login per account per TOTP period: the portal accepts each code once (a benchmark logs in each account once). */
export async function login(baseUrl: string, email: string): Promise<string> {
  const first = await post(baseUrl, { email, password: "Demo-wachtwoord-2026", redirectTo: "/" });
  const pending = cookieNamed(first, "regiotafel_2fa");
  const answer = pending ? await post(baseUrl, { intent: "code", code: totpCode(DEMO_TOTP_SECRET), redirectTo: "/" }, pending) : first;
  const cookie = cookieNamed(answer, "regiotafel_session");
  if (answer.status !== 302 || !cookie) throw new Error(`login as ${email} failed (${answer.status})`);
  return cookie;
}
