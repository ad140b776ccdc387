// The one-time message after a change travels in a short-lived cookie (app/lib/flash.server.ts).
// The test Client keeps it too (Client.flash); this follows one redirect explicitly, as a browser would:
// with the session and the flash cookie the answer set, and reports whether the page cleared it.
import { pageText, type Client, type PageAnswer } from "./portal";

const FLASH = "regiotafel_flash";

export const flashCookie = (response: { headers: Headers }) =>
  response.headers.getSetCookie().map((c) => c.split(";")[0]).find((pair) => pair.startsWith(`${FLASH}=`) && pair.length > FLASH.length + 1);

/** GET `path` with the session and, if given, the flash cookie. */
export async function getWithFlash(client: Client, path: string, flash?: string): Promise<PageAnswer & { flashCleared: boolean }> {
  const response = await fetch(client.baseUrl + path, { headers: { Cookie: [client.cookie, flash].filter(Boolean).join("; ") }, redirect: "manual" });
  return {
    status: response.status,
    html: await pageText(response),
    location: response.headers.get("location"),
    headers: response.headers,
    flashCleared: response.headers.getSetCookie().some((c) => c.startsWith(`${FLASH}=;`) && /Max-Age=0/.test(c)),
  };
}

/** The page a redirect lands on, with the message it carried. */
export function followFlash(client: Client, redirect: { headers: Headers; location: string | null }) {
  if (!redirect.location) throw new Error("not a redirect");
  return getWithFlash(client, redirect.location.split("#")[0], flashCookie(redirect));
}
