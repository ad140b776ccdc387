// GET /api/v1/openapi.json: the intake API's OpenAPI 3.1 document, generated from the schemas.
import { OPENAPI_HEADERS, OPENAPI_TEXT } from "~/lib/openapi.server";

const METHOD_NOT_ALLOWED = JSON.stringify({ error: "method_not_allowed", message: "Deze methode is hier niet mogelijk. Toegestaan: GET." });

// Public: the API's contract, no data.
export async function loader() {
  return new Response(OPENAPI_TEXT, { headers: OPENAPI_HEADERS });
}

// Public: refuses every method but GET, no data.
export async function action() {
  return new Response(METHOD_NOT_ALLOWED, { status: 405, headers: { ...OPENAPI_HEADERS, Allow: "GET" } });
}
