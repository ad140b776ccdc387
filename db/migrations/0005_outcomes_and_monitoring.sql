CREATE TABLE `arrangement_components` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`arrangement_id` integer NOT NULL,
	`kind` text NOT NULL,
	`description` text NOT NULL,
	`legal_domain` text NOT NULL,
	`funding_instrument` text NOT NULL,
	`provider_organisation_id` integer,
	`financier_organisation_id` integer,
	FOREIGN KEY (`arrangement_id`) REFERENCES `arrangements`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`provider_organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`financier_organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `arrangement_components_arrangement` ON `arrangement_components` (`arrangement_id`);--> statement-breakpoint
CREATE TABLE `arrangement_parties` (
	`arrangement_id` integer NOT NULL,
	`organisation_id` integer NOT NULL,
	`role` text NOT NULL,
	PRIMARY KEY(`arrangement_id`, `organisation_id`, `role`),
	FOREIGN KEY (`arrangement_id`) REFERENCES `arrangements`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `arrangements` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` integer NOT NULL,
	`description` text NOT NULL,
	`period_start` text NOT NULL,
	`period_end` text NOT NULL,
	`cost_estimate` integer NOT NULL,
	`status` text DEFAULT 'proposed' NOT NULL,
	`proposed_by_user_id` text,
	`approved_by_user_id` text,
	`advisor_assessment_id` integer,
	`approved_at` text,
	`contracted_at` text,
	`ended_at` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`proposed_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`approved_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`advisor_assessment_id`) REFERENCES `criteria_assessments`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `arrangements_case` ON `arrangements` (`case_id`);--> statement-breakpoint
CREATE TABLE `care_plans` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` integer NOT NULL,
	`meeting_id` integer,
	`agreed_at` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `care_plans_case_id_unique` ON `care_plans` (`case_id`);--> statement-breakpoint
CREATE TABLE `case_deadlines` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` integer NOT NULL,
	`kind` text NOT NULL,
	`start_date` text NOT NULL,
	`due_date` text NOT NULL,
	`alert_date` text,
	`met_on` text,
	`created_by_user_id` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `case_deadlines_case` ON `case_deadlines` (`case_id`);--> statement-breakpoint
CREATE TABLE `escalations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` integer NOT NULL,
	`level` text NOT NULL,
	`reason` text NOT NULL,
	`actor_user_id` text,
	`at` text NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`actor_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `escalations_case` ON `escalations` (`case_id`);--> statement-breakpoint
CREATE TABLE `lessons` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`table_id` integer NOT NULL,
	`text` text NOT NULL,
	`bottleneck` text NOT NULL,
	`created_by_user_id` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`table_id`) REFERENCES `regional_tables`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `lessons_table` ON `lessons` (`table_id`);--> statement-breakpoint
CREATE TABLE `placements` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` integer NOT NULL,
	`organisation_id` integer NOT NULL,
	`care_function` text NOT NULL,
	`funding_type` text NOT NULL,
	`start_date` text NOT NULL,
	`notes` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `placements_case` ON `placements` (`case_id`);--> statement-breakpoint
CREATE TABLE `plan_actions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`plan_id` integer NOT NULL,
	`goal_id` integer,
	`description` text NOT NULL,
	`owner_organisation_id` integer NOT NULL,
	`due_date` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`plan_id`) REFERENCES `care_plans`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`goal_id`) REFERENCES `plan_goals`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`owner_organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `plan_actions_plan` ON `plan_actions` (`plan_id`);--> statement-breakpoint
CREATE TABLE `plan_goals` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`plan_id` integer NOT NULL,
	`life_domain` text NOT NULL,
	`goal` text NOT NULL,
	FOREIGN KEY (`plan_id`) REFERENCES `care_plans`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `plan_goals_plan` ON `plan_goals` (`plan_id`);--> statement-breakpoint
CREATE TABLE `shortfall_cases` (
	`shortfall_id` integer NOT NULL,
	`case_id` integer NOT NULL,
	PRIMARY KEY(`shortfall_id`, `case_id`),
	FOREIGN KEY (`shortfall_id`) REFERENCES `shortfalls`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `shortfalls` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`table_id` integer NOT NULL,
	`care_function` text NOT NULL,
	`function_other` text,
	`kind` text NOT NULL,
	`bottleneck` text NOT NULL,
	`waiting_weeks` integer,
	`people_waiting` integer,
	`justification` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`created_by_user_id` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`table_id`) REFERENCES `regional_tables`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `shortfalls_table` ON `shortfalls` (`table_id`);