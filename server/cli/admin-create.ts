// `npm run admin:create -- --email <address> --name "<name>" [--organisation "<name>"]`: the first
// (or a further) administrator of a production install, which has no demo accounts. Creates the
// account without a password and prints a one-time activation link (24 h); the person chooses a
// password there and then sets up a second factor. An existing address: nothing is created (exit 1).
import { parseArgs } from "node:util";
import { eq } from "drizzle-orm";
import { organisations } from "../../db/schema";
import { seedReferenceData } from "../../db/seed";
import { inviteUser } from "../../app/lib/accounts.server";
import { readConfig } from "../../app/lib/config.server";
import { openDatabase } from "../../app/models/db.server";
import { emailTaken } from "../../app/models/users.server";

const DEFAULT_ORGANISATION = "Landelijk projectbureau hoogcomplexe ggz";

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

const { values } = parseArgs({ options: { email: { type: "string" }, name: { type: "string" }, organisation: { type: "string" } }, strict: true });
const email = values.email?.trim().toLowerCase();
const name = values.name?.trim();
if (!email || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) || !name) fail('Gebruik: npm run admin:create -- --email <e-mailadres> --name "<naam>" [--organisation "<organisatie>"]');

const config = readConfig();
if (!config.appOrigin) console.warn(`APP_ORIGIN is niet ingesteld: de link gebruikt http://localhost:${config.port}. Zet APP_ORIGIN op het publieke adres van het portaal.`);
const db = openDatabase(config.databasePath);
try {
  seedReferenceData(db);
  if (emailTaken(db, email)) fail(`Er bestaat al een account met ${email}; er is niets aangemaakt.`);
  const organisationName = values.organisation?.trim() || DEFAULT_ORGANISATION;
  const organisationId =
    db.select({ id: organisations.id }).from(organisations).where(eq(organisations.name, organisationName)).get()?.id ??
    db.insert(organisations).values({ name: organisationName, type: "national_project_office" }).returning({ id: organisations.id }).get().id;
  const origin = config.appOrigin ?? `http://localhost:${config.port}`;
  const created = inviteUser({ db, origin, mailFrom: config.mail.from }, { name, email, organisationId, role: "admin", tableId: null });
  if (!created.ok) fail(`Er bestaat al een account met ${email}; er is niets aangemaakt.`);
  console.log(`Beheerder ${name} <${email}> aangemaakt.`);
  console.log("Activeringslink (24 uur geldig, één keer te gebruiken; ook per e-mail verstuurd zodra SMTP is ingesteld):");
  console.log(created.link);
} finally {
  db.$client.close();
}
