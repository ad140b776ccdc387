// A real portal (Express + Remix build + socket.io) on a free port with a fresh temp database.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { readConfig } from "../../app/lib/config.server";
import { createPortal, type Portal } from "../../server/app";
import { DEMO_PASSWORD } from "../../db/seed";

export { DEMO_PASSWORD };

export type TestPortal = { url: string; portal: Portal; dir: string; close(): Promise<void> };

export async function startPortal(env: Record<string, string> = {}): Promise<TestPortal> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "regiotafel-test-"));
  const config = readConfig({
    NODE_ENV: "test",
    DATABASE_PATH: path.join(dir, "test.db"),
    UPLOADS_PATH: path.join(dir, "uploads"),
    ...env,
  });
  const portal = await createPortal(config);
  const port = await portal.listen(0);
  return {
    url: `http://127.0.0.1:${port}`,
    portal,
    dir,
    close: async () => {
      await portal.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A browser-like HTTP client: keeps its session cookie and sends our Origin on posts. */
export class Client {
  cookie = "";
  constructor(readonly baseUrl: string) {}

  async request(pathname: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookie) headers.set("Cookie", this.cookie);
    if (init.method && init.method !== "GET" && !headers.has("Origin")) headers.set("Origin", this.baseUrl);
    const response = await fetch(this.baseUrl + pathname, { ...init, headers, redirect: "manual" });
    for (const setCookie of response.headers.getSetCookie()) {
      const [pair] = setCookie.split(";");
      const [name, value] = pair.split("=");
      if (/regiotafel_session/.test(name)) this.cookie = value ? `${name}=${value}` : "";
    }
    return response;
  }

  get(pathname: string, init: RequestInit = {}) {
    return this.request(pathname, init);
  }

  post(pathname: string, fields: Record<string, string | string[]>, init: RequestInit = {}) {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(fields)) for (const item of Array.isArray(v) ? v : [v]) body.append(k, item);
    return this.request(pathname, { ...init, method: "POST", body });
  }

  async login(email: string, password = DEMO_PASSWORD): Promise<Response> {
    const response = await this.post("/inloggen", { email, password, redirectTo: "/" });
    if (response.status !== 302 || !this.cookie) throw new Error(`login as ${email} failed: ${response.status}`);
    return response;
  }
}

export async function loggedIn(baseUrl: string, email: string): Promise<Client> {
  const client = new Client(baseUrl);
  await client.login(email);
  return client;
}

/** The page's HTML without React's text separators, so assertions read like the page does. */
export async function pageText(response: Response): Promise<string> {
  return (await response.text()).replaceAll("<!-- -->", "");
}
