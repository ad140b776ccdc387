// Any other address under /api: a JSON 404 (after the token check), never the portal's HTML error page.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { apiError, requireApiClient } from "~/lib/api-auth.server";

const UNKNOWN = "Dit adres bestaat niet in de intake-API. Zie /api/v1/openapi.json voor de beschikbare adressen.";

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireApiClient(request, context);
  return apiError(404, "not_found", UNKNOWN);
}

export async function action({ request, context }: ActionFunctionArgs) {
  await requireApiClient(request, context);
  return apiError(404, "not_found", UNKNOWN);
}
