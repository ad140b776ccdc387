import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { NewPasswordForm } from "~/components/new-password-form";
import { requireAnonymous } from "~/lib/auth.server";
import { passwordLinkAction, passwordLinkLoader } from "~/lib/password-link.server";

export const meta: MetaFunction = () => [{ title: "Nieuw wachtwoord – Regiotafel" }];

// Public: the one-time reset link (1 h) is the credential; a signed-in user is sent home.
export async function loader(args: LoaderFunctionArgs) {
  await requireAnonymous(args.request, args.context);
  return passwordLinkLoader(args, "reset");
}

export async function action(args: ActionFunctionArgs) {
  await requireAnonymous(args.request, args.context);
  return passwordLinkAction(args, "reset");
}

export default function ResetPassword() {
  return <NewPasswordForm title="Nieuw wachtwoord" intro="Kies een nieuw wachtwoord. Daarna bent u op alle apparaten uitgelogd." submit="Wachtwoord wijzigen" />;
}
