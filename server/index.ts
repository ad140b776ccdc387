// Entry point: `npm start` builds, then runs this.
import { readConfig } from "../app/lib/config.server";
import { createPortal } from "./app";

const config = readConfig();
const portal = await createPortal(config);
const port = await portal.listen();
console.log(`Regiotafel draait op http://localhost:${port} (database ${config.databasePath})`);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    void portal.close().finally(() => process.exit(0));
  });
}
