CREATE TABLE `case_codes` (
	`code` text PRIMARY KEY NOT NULL,
	`case_id` integer NOT NULL,
	`table_id` integer NOT NULL,
	`until` text NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`table_id`) REFERENCES `regional_tables`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `case_codes_case` ON `case_codes` (`case_id`);--> statement-breakpoint
CREATE TABLE `information_requests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` integer NOT NULL,
	`question` text NOT NULL,
	`asked_by_user_id` text NOT NULL,
	`asked_at` text NOT NULL,
	`answer` text,
	`answered_by_user_id` text,
	`answered_at` text,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`asked_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`answered_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `information_requests_case` ON `information_requests` (`case_id`);--> statement-breakpoint
CREATE TABLE `municipalities` (
	`code` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`province` text NOT NULL,
	`valid_from` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `municipalities_name_unique` ON `municipalities` (`name`);--> statement-breakpoint
CREATE TABLE `municipality_aliases` (
	`name` text PRIMARY KEY NOT NULL,
	`municipality_code` text NOT NULL,
	FOREIGN KEY (`municipality_code`) REFERENCES `municipalities`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `attachments` ADD `information_request_id` integer;--> statement-breakpoint
ALTER TABLE `cases` ADD `main_diagnoses` text;--> statement-breakpoint
ALTER TABLE `cases` ADD `legal_framework` text;--> statement-breakpoint
ALTER TABLE `cases` ADD `legal_framework_end_date` text;--> statement-breakpoint
ALTER TABLE `cases` ADD `living_situation` text;--> statement-breakpoint
ALTER TABLE `cases` ADD `general_practitioner` text;--> statement-breakpoint
ALTER TABLE `cases` ADD `wlz_indication` text;--> statement-breakpoint
ALTER TABLE `cases` ADD `referrer_criteria` text;--> statement-breakpoint
ALTER TABLE `cases` ADD `identity_conflict` text;--> statement-breakpoint
ALTER TABLE `patients` ADD `municipality_code` text;--> statement-breakpoint
ALTER TABLE `routing_rules` ADD `label` text;