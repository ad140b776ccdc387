import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { NewPasswordForm } from "~/components/new-password-form";
import { requireAnonymous } from "~/lib/auth.server";
import { passwordLinkAction, passwordLinkLoader } from "~/lib/password-link.server";

export const meta: MetaFunction = () => [{ title: "Account activeren – Regiotafel" }];

// Public: the one-time activation link (24 h) is the credential; a signed-in user is sent home.
export async function loader(args: LoaderFunctionArgs) {
  await requireAnonymous(args.request, args.context);
  return passwordLinkLoader(args, "activation");
}

export async function action(args: ActionFunctionArgs) {
  await requireAnonymous(args.request, args.context);
  return passwordLinkAction(args, "activation");
}

export default function Activate() {
  return <NewPasswordForm title="Account activeren" intro="Kies het wachtwoord voor uw account. Daarna logt u in en stelt u een tweede factor in." submit="Wachtwoord instellen" />;
}
