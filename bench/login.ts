// Signs a demo account in over HTTP, as a browser would (with an Origin header): the session cookie.
export async function login(baseUrl: string, email: string): Promise<string> {
  const response = await fetch(`${baseUrl}/inloggen`, {
    method: "POST",
    headers: { Origin: baseUrl, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email, password: "Demo-wachtwoord-2026", redirectTo: "/" }),
    redirect: "manual",
  });
  const cookie = response.headers.getSetCookie().map((c) => c.split(";")[0]).find((c) => c.includes("regiotafel_session="));
  if (response.status !== 302 || !cookie) throw new Error(`login as ${email} failed (${response.status})`);
  return cookie;
}
