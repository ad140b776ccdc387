CREATE TABLE `api_tokens` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`organisation_id` integer NOT NULL,
	`name` text NOT NULL,
	`token_hash` text NOT NULL,
	`prefix` text NOT NULL,
	`created_by_user_id` text,
	`created_at` text NOT NULL,
	`last_used_at` text,
	`revoked_at` text,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_tokens_token_hash_unique` ON `api_tokens` (`token_hash`);--> statement-breakpoint
CREATE TABLE `attachments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` integer,
	`draft_id` integer,
	`file_name` text NOT NULL,
	`content_type` text NOT NULL,
	`size` integer NOT NULL,
	`sha256` text NOT NULL,
	`storage_key` text NOT NULL,
	`uploaded_by_user_id` text,
	`uploaded_at` text NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`draft_id`) REFERENCES `referral_drafts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`uploaded_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `attachments_case` ON `attachments` (`case_id`);--> statement-breakpoint
CREATE TABLE `case_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` integer NOT NULL,
	`event` text NOT NULL,
	`from_state` text,
	`to_state` text NOT NULL,
	`actor_user_id` text,
	`actor_organisation_id` integer,
	`from_table_id` integer,
	`to_table_id` integer,
	`reason` text,
	`at` text NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`actor_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`actor_organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`from_table_id`) REFERENCES `regional_tables`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`to_table_id`) REFERENCES `regional_tables`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `case_events_case` ON `case_events` (`case_id`);--> statement-breakpoint
CREATE TABLE `cases` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`patient_id` integer NOT NULL,
	`table_id` integer NOT NULL,
	`proposed_table_id` integer,
	`routing_override_reason` text,
	`source` text NOT NULL,
	`via_vws_unit` integer DEFAULT false NOT NULL,
	`referrer_organisation_id` integer NOT NULL,
	`referrer_user_id` text,
	`insurer_id` integer NOT NULL,
	`current_providers` text NOT NULL,
	`treatment_history` text NOT NULL,
	`care_question` text NOT NULL,
	`problem_description` text NOT NULL,
	`prior_attempts` text NOT NULL,
	`urgency` text NOT NULL,
	`contact_name` text NOT NULL,
	`contact_phone` text NOT NULL,
	`contact_email` text NOT NULL,
	`status` text DEFAULT 'received' NOT NULL,
	`submitted_via` text NOT NULL,
	`received_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`patient_id`) REFERENCES `patients`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`table_id`) REFERENCES `regional_tables`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`proposed_table_id`) REFERENCES `regional_tables`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`referrer_organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`referrer_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`insurer_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `cases_code_unique` ON `cases` (`code`);--> statement-breakpoint
CREATE INDEX `cases_table_status` ON `cases` (`table_id`,`status`);--> statement-breakpoint
CREATE INDEX `cases_insurer` ON `cases` (`insurer_id`);--> statement-breakpoint
CREATE INDEX `cases_referrer` ON `cases` (`referrer_organisation_id`);--> statement-breakpoint
CREATE TABLE `consents` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` integer NOT NULL,
	`given_by` text NOT NULL,
	`representative_kind` text,
	`representative_name` text,
	`patient_incompetent` integer DEFAULT false NOT NULL,
	`higher_ranks_unavailable` integer DEFAULT false NOT NULL,
	`method` text NOT NULL,
	`given_on` text NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`scope_organisation_ids` text NOT NULL,
	`scope_organisation_types` text NOT NULL,
	`excluded_persons` text NOT NULL,
	`recorded_by_user_id` text,
	`recorded_at` text NOT NULL,
	`withdrawn_at` text,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `consents_case` ON `consents` (`case_id`);--> statement-breakpoint
CREATE TABLE `criteria_assessments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` integer NOT NULL,
	`kind` text NOT NULL,
	`assessor_user_id` text NOT NULL,
	`at` text NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`assessor_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `criteria_assessments_case` ON `criteria_assessments` (`case_id`);--> statement-breakpoint
CREATE TABLE `criterion_verdicts` (
	`assessment_id` integer NOT NULL,
	`criterion` integer NOT NULL,
	`verdict` text NOT NULL,
	`motivation` text NOT NULL,
	PRIMARY KEY(`assessment_id`, `criterion`),
	FOREIGN KEY (`assessment_id`) REFERENCES `criteria_assessments`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `idempotency_keys` (
	`organisation_id` integer NOT NULL,
	`key` text NOT NULL,
	`request_hash` text NOT NULL,
	`case_id` integer NOT NULL,
	`created_at` text NOT NULL,
	PRIMARY KEY(`organisation_id`, `key`),
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `patients` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`bsn` text NOT NULL,
	`date_of_birth` text NOT NULL,
	`address` text,
	`municipality` text NOT NULL,
	`province` text NOT NULL,
	`insurer_id` integer NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`insurer_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `referral_drafts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` text NOT NULL,
	`data` text NOT NULL,
	`step` integer DEFAULT 1 NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
