import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Field, FormError } from "~/components/form";
import { TableScroll } from "~/components/table-scroll";
import { plainText, z } from "~/domain/dutch-errors";
import { CHECK_FIELDS, emailAddress, personName } from "~/lib/admin-forms";
import { audit } from "~/models/audit.server";
import { actorOf, requirePermission } from "~/lib/auth.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { failure, parseForm } from "~/lib/forms";
import {
  findMunicipality,
  municipalityOverview,
  removeMunicipalityContact,
  removeRoutingException,
  setMunicipalityContact,
  setRoutingException,
  tableChoices,
} from "~/models/municipality-admin.server";

export const meta: MetaFunction = () => [{ title: "Gemeenten – Beheer – Regiotafel" }];

const DONE = {
  contact: "Het contact van de gemeente is opgeslagen.",
  "contact-weg": "Het contact van de gemeente is verwijderd.",
  uitzondering: "De uitzondering is opgeslagen: nieuwe verwijzingen uit deze gemeente gaan naar de gekozen tafel.",
  "uitzondering-weg": "De uitzondering is verwijderd: de regel van de provincie geldt weer.",
} as const;
const UNKNOWN = "Deze gemeente staat niet in de lijst van het CBS.";

const QuerySchema = z.object({ zoek: z.string().max(100).catch(""), gemeente: z.string().max(10).catch("") });

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, "tables:manage");
  const { db } = context.services;
  const query = QuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const selected = query.gemeente ? (municipalityOverview(db, { code: query.gemeente })[0] ?? null) : null;
  return { query: query.zoek, rows: municipalityOverview(db, { nameContains: query.zoek }), selected, tables: tableChoices(db) };
}

const code = z.string({ required_error: UNKNOWN }).regex(/^GM\d{4}$/, UNKNOWN);
const ActionSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("set_contact"), code, name: personName, email: emailAddress }),
    z.object({ intent: z.literal("remove_contact"), code }),
    z.object({
      intent: z.literal("set_exception"),
      code,
      tableId: z.coerce.number({ invalid_type_error: "Kies een tafel." }).int().positive("Kies een tafel."),
      label: plainText({ required: "Geef de uitzondering een naam, bijvoorbeeld ‘Rotterdam-Rijnmond’.", max: 100 }),
    }),
    z.object({ intent: z.literal("remove_exception"), code }),
  ],
  { errorMap: () => ({ message: "Deze handeling is niet mogelijk." }) },
);

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, context, "tables:manage");
  const { db } = context.services;
  const formData = await request.formData();
  const parsed = parseForm(ActionSchema, formData);
  if (!parsed.ok) return parsed.fieldErrors.intent || parsed.fieldErrors.code ? failure((parsed.fieldErrors.intent ?? parsed.fieldErrors.code)![0], formData) : parsed;
  const input = parsed.data;
  const m = findMunicipality(db, input.code);
  if (!m) return failure(UNKNOWN, formData);
  const back = (done: keyof typeof DONE) => redirectWithFlash(context, `/beheer/gemeenten?gemeente=${m.code}`, DONE[done]);
  const record = (action: string, detail: string) => audit(db, { action, actor: actorOf(user), objectType: "municipality", objectId: m.code, detail: `${m.name}: ${detail}`, origin: context.origin });

  switch (input.intent) {
    case "set_contact": {
      const before = setMunicipalityContact(db, m.name, { name: input.name, email: input.email });
      record("municipality.contact", before ? `contact ${before.email} → ${input.email}` : `contact ${input.email}`);
      return back("contact");
    }
    case "remove_contact":
      if (removeMunicipalityContact(db, m.name)) record("municipality.contact_remove", "contact verwijderd");
      return back("contact-weg");
    case "set_exception": {
      const table = tableChoices(db).find((t) => t.id === input.tableId);
      if (!table) return failure(CHECK_FIELDS, formData, { tableId: ["Kies een tafel."] });
      setRoutingException(db, m, table.id, input.label);
      record("routing.exception", `naar tafel ${table.name} (${input.label})`);
      return back("uitzondering");
    }
    case "remove_exception":
      if (removeRoutingException(db, m)) record("routing.exception_remove", "regel van de provincie");
      return back("uitzondering-weg");
  }
}

/** A one-button form that removes the municipality's contact or exception. */
function RemoveButton({ intent, code, busy, children }: { intent: "remove_contact" | "remove_exception"; code: string; busy: boolean; children: string }) {
  return (
    <Form method="post">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="code" value={code} />
      <button type="submit" className="button button--secondary button--small" disabled={busy}>{children}</button>
    </Form>
  );
}

export default function Municipalities() {
  const { query, rows, selected, tables } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const errors = actionData && !actionData.ok ? actionData : undefined;
  const intent = errors?.values.intent;
  const forIntent = (name: string) => (errors && intent === name ? errors : undefined);

  return (
    <>
      <h1>Gemeenten</h1>
      <p className="lead">
        De gemeentelijke indeling van het CBS bepaalt naar welke regiotafel een verwijzing gaat: de regel van de provincie, tenzij een uitzondering
        de gemeente naar een andere tafel stuurt. Per gemeente kunt u ook een contactpersoon vastleggen; die krijgt bericht als een verblijf met
        rechtvaardigingsgrond (VMR) over een maand afloopt.
      </p>
      {errors && !intent ? <FormError message={errors.formError ?? CHECK_FIELDS} /> : null}

      {selected ? (
        <section className="card" aria-labelledby="gekozen-gemeente">
          <h2 id="gekozen-gemeente">
            {selected.name} <span className="muted">({selected.code}, {selected.province})</span>
          </h2>
          <p>
            Verwijzingen gaan naar tafel <strong>{selected.tableName ?? "— (geen regel)"}</strong>
            {selected.exception ? <> door de uitzondering ‘{selected.exception}’.</> : <> volgens de regel van de provincie.</>}
          </p>
          <div className="form-grid">
            <Form method="post" noValidate aria-labelledby="contact-kop">
              <h3 id="contact-kop">Contactpersoon van de gemeente</h3>
              <input type="hidden" name="intent" value="set_contact" />
              <input type="hidden" name="code" value={selected.code} />
              {forIntent("set_contact") ? <FormError message={CHECK_FIELDS} errors={forIntent("set_contact")?.fieldErrors} /> : null}
              <Field name="name" label="Naam of team" required defaultValue={selected.contact?.name} errors={forIntent("set_contact")?.fieldErrors} values={forIntent("set_contact")?.values} />
              <Field name="email" label="E-mailadres" type="email" required defaultValue={selected.contact?.email} errors={forIntent("set_contact")?.fieldErrors} values={forIntent("set_contact")?.values} />
              <button type="submit" className="button" disabled={busy}>Contact opslaan</button>
            </Form>
            <Form method="post" noValidate aria-labelledby="uitzondering-kop">
              <h3 id="uitzondering-kop">Uitzondering op de provincie</h3>
              <input type="hidden" name="intent" value="set_exception" />
              <input type="hidden" name="code" value={selected.code} />
              {forIntent("set_exception") ? <FormError message={CHECK_FIELDS} errors={forIntent("set_exception")?.fieldErrors} /> : null}
              <Field name="tableId" label="Naar tafel" required defaultValue={selected.exception ? String(selected.tableId) : ""} errors={forIntent("set_exception")?.fieldErrors} values={forIntent("set_exception")?.values}>
                <option value="">Kies een tafel</option>
                {tables.map((t) => (
                  <option key={t.id} value={t.id}>{t.name}</option>
                ))}
              </Field>
              <Field name="label" label="Naam van de uitzondering" required hint="Bijvoorbeeld ‘Rotterdam-Rijnmond’; zo staat de regel bij de verwijzing." defaultValue={selected.exception ?? ""} errors={forIntent("set_exception")?.fieldErrors} values={forIntent("set_exception")?.values} />
              <button type="submit" className="button" disabled={busy}>Uitzondering opslaan</button>
            </Form>
          </div>
          <div className="actions">
            {selected.contact ? <RemoveButton intent="remove_contact" code={selected.code} busy={busy}>Contact verwijderen</RemoveButton> : null}
            {selected.exception ? <RemoveButton intent="remove_exception" code={selected.code} busy={busy}>Uitzondering verwijderen</RemoveButton> : null}
          </div>
        </section>
      ) : null}

      <Form method="get" className="search" role="search">
        <label htmlFor="zoek-gemeente">Zoek een gemeente</label>
        <input id="zoek-gemeente" name="zoek" type="search" defaultValue={query} />
        <button type="submit" className="button button--secondary">Zoeken</button>
      </Form>

      <TableScroll label="Gemeenten">
        <table className="data">
          <caption>{rows.length === 1 ? "1 gemeente" : `${rows.length} gemeenten`}{query ? ` met ‘${query}’ in de naam` : ""}</caption>
          <thead>
            <tr>
              <th scope="col">Gemeente</th>
              <th scope="col">Provincie</th>
              <th scope="col">Tafel</th>
              <th scope="col">Contactpersoon</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((m) => (
              <tr key={m.code}>
                <th scope="row">
                  <Link to={`?${new URLSearchParams({ ...(query ? { zoek: query } : {}), gemeente: m.code })}`}>{m.name}</Link>
                </th>
                <td>{m.province}</td>
                <td>
                  {m.tableName ?? "—"}
                  {m.exception ? <> <span className="badge badge--ok">{m.exception}</span></> : null}
                </td>
                <td>{m.contact ? `${m.contact.name} (${m.contact.email})` : <span className="muted">—</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </>
  );
}
