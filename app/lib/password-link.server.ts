// The one loader and action behind both link pages (/activeren/<token>, /wachtwoord-herstellen/<token>).
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { z } from "~/domain/dutch-errors";
import type { AccountTokenPurpose } from "~/domain/notification-kinds";
import { linkHolder, setPasswordThroughLink } from "./accounts.server";
import { redirectWithFlash } from "./flash.server";
import { failure, parseForm } from "./forms";

const PasswordSchema = z
  .object({
    password: z.string({ required_error: "Vul een wachtwoord in." }).min(1, "Vul een wachtwoord in.").max(1024, "Kies een wachtwoord van hoogstens 128 tekens."),
    repeat: z.string({ required_error: "Herhaal het wachtwoord." }).max(1024),
  })
  .refine((d) => d.password === d.repeat, { path: ["repeat"], message: "De twee wachtwoorden zijn niet gelijk." });

export const LINK_INVALID = "Deze link is verlopen of al gebruikt. Vraag een nieuwe aan.";

export function passwordLinkLoader({ params, context }: LoaderFunctionArgs, purpose: AccountTokenPurpose) {
  const holder = linkHolder(context.services, purpose, params.token ?? "");
  return { valid: holder != null, email: holder?.email ?? null };
}

export async function passwordLinkAction({ request, params, context }: ActionFunctionArgs, purpose: AccountTokenPurpose) {
  const formData = await request.formData();
  const parsed = parseForm(PasswordSchema, formData);
  // Never send a password back to the page.
  if (!parsed.ok) return { ...parsed, values: {} };
  const result = await setPasswordThroughLink(context.services, purpose, params.token ?? "", parsed.data.password, context.origin);
  if (!result.ok) {
    if (result.reason === "link") return { ...failure(LINK_INVALID, formData), values: {} };
    return { ok: false as const, fieldErrors: { password: [result.message] }, values: {} };
  }
  return purpose === "activation"
    ? // Next: sign in with the new password, then set up the second factor.
      redirectWithFlash(context, "/inloggen?redirectTo=%2Faccount%2Ftweede-factor", "Uw account is geactiveerd. Log in met uw nieuwe wachtwoord; daarna stelt u uw tweede factor in.")
    : redirectWithFlash(context, "/inloggen", "Uw wachtwoord is gewijzigd. U bent overal uitgelogd; log opnieuw in.");
}
