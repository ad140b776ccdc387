CREATE INDEX `case_events_event_at` ON `case_events` (`event`,`at`);--> statement-breakpoint
CREATE INDEX `case_events_case_at` ON `case_events` (`case_id`,`at`);--> statement-breakpoint
CREATE INDEX `cases_received_at` ON `cases` (`received_at`);--> statement-breakpoint
CREATE INDEX `escalations_at` ON `escalations` (`at`);