DROP INDEX `cases_insurer`;--> statement-breakpoint
DROP INDEX `cases_referrer`;--> statement-breakpoint
CREATE INDEX `cases_table_received` ON `cases` (`table_id`,`received_at`);--> statement-breakpoint
CREATE INDEX `cases_insurer_received` ON `cases` (`insurer_id`,`received_at`);--> statement-breakpoint
CREATE INDEX `cases_referrer_received` ON `cases` (`referrer_organisation_id`,`received_at`);--> statement-breakpoint
CREATE INDEX `cases_patient` ON `cases` (`patient_id`);--> statement-breakpoint
CREATE INDEX `patients_bsn` ON `patients` (`bsn`);