CREATE TABLE `advisor_conclusions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` integer NOT NULL,
	`assessment_id` integer NOT NULL,
	`conclusion` text NOT NULL,
	`motivation` text NOT NULL,
	`advisor_user_id` text NOT NULL,
	`at` text NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`assessment_id`) REFERENCES `criteria_assessments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`advisor_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `advisor_conclusions_case` ON `advisor_conclusions` (`case_id`);--> statement-breakpoint
CREATE TABLE `case_fundings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` integer NOT NULL,
	`sources` text NOT NULL,
	`care_office_id` integer,
	`recorded_by_user_id` text,
	`at` text NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`care_office_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `case_fundings_case` ON `case_fundings` (`case_id`);--> statement-breakpoint
CREATE TABLE `escalation_requests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`escalation_id` integer NOT NULL,
	`case_id` integer NOT NULL,
	`table_id` integer NOT NULL,
	`case_code` text NOT NULL,
	`bottleneck` text NOT NULL,
	`question` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`response` text,
	`responded_by_user_id` text,
	`responded_at` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`escalation_id`) REFERENCES `escalations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`table_id`) REFERENCES `regional_tables`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`responded_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `escalation_requests_escalation_id_unique` ON `escalation_requests` (`escalation_id`);--> statement-breakpoint
CREATE INDEX `escalation_requests_table` ON `escalation_requests` (`table_id`);--> statement-breakpoint
CREATE TABLE `plan_versions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`plan_id` integer NOT NULL,
	`version` integer NOT NULL,
	`snapshot` text NOT NULL,
	`reason` text NOT NULL,
	`created_by_user_id` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`plan_id`) REFERENCES `care_plans`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `plan_versions_unique` ON `plan_versions` (`plan_id`,`version`);--> statement-breakpoint
CREATE TABLE `referrer_advices` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` integer NOT NULL,
	`agenda_item_id` integer NOT NULL,
	`discussed_at` text NOT NULL,
	`due_at` text NOT NULL,
	`question_answer` text,
	`fitting_offer` text,
	`plan_summary` text,
	`next_steps` text,
	`recorded_by_user_id` text,
	`recorded_at` text,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`agenda_item_id`) REFERENCES `agenda_items`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `referrer_advices_item` ON `referrer_advices` (`agenda_item_id`);--> statement-breakpoint
CREATE INDEX `referrer_advices_case` ON `referrer_advices` (`case_id`);--> statement-breakpoint
CREATE TABLE `shortfall_responses` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`shortfall_id` integer NOT NULL,
	`organisation_id` integer NOT NULL,
	`user_id` text NOT NULL,
	`kind` text NOT NULL,
	`text` text NOT NULL,
	`response_date` text NOT NULL,
	`contact` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`shortfall_id`) REFERENCES `shortfalls`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `shortfall_responses_shortfall` ON `shortfall_responses` (`shortfall_id`);--> statement-breakpoint
ALTER TABLE `arrangements` ADD `refused_by_user_id` text REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `arrangements` ADD `refused_at` text;--> statement-breakpoint
ALTER TABLE `arrangements` ADD `refusal_reason` text;--> statement-breakpoint
ALTER TABLE `care_plans` ADD `version` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `case_deadlines` ADD `carried_over_reason` text;--> statement-breakpoint
ALTER TABLE `case_deadlines` ADD `carried_over_at` text;--> statement-breakpoint
ALTER TABLE `plan_actions` ADD `owner_user_id` text REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `plan_actions` ADD `agenda_item_id` integer REFERENCES agenda_items(id);--> statement-breakpoint
ALTER TABLE `plan_actions` ADD `cancel_reason` text;--> statement-breakpoint
CREATE INDEX `plan_actions_owner_user` ON `plan_actions` (`owner_user_id`);--> statement-breakpoint
ALTER TABLE `shortfalls` ADD `published_at` text;--> statement-breakpoint
ALTER TABLE `shortfalls` ADD `published_by_user_id` text REFERENCES users(id);