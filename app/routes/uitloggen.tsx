import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { getCurrentUser, logout } from "~/lib/auth.server";

// Logging out needs no permission beyond being who you are; a stale session just goes to the login page.
export async function action({ request, context }: ActionFunctionArgs) {
  const user = await getCurrentUser(request, context);
  const cookie = user ? await logout(context.services, user, context.origin) : context.services.lucia.createBlankSessionCookie().serialize();
  return redirect("/inloggen", { headers: { "Set-Cookie": cookie } });
}

export async function loader() {
  return redirect("/");
}
