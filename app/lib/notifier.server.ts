// Hands notify…() what it needs from the running portal: database, public origin, sender.
import type { AppLoadContext } from "@remix-run/node";
import type { Notifier } from "~/models/notifications.server";
import type { AppServices } from "./context.server";

export const notifierOf = (services: AppServices): Notifier => ({ db: services.db, origin: services.publicOrigin, mailFrom: services.config.mail.from });

export const notifier = (context: AppLoadContext): Notifier => notifierOf(context.services);
