CREATE TABLE `audit_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text NOT NULL,
	`action` text NOT NULL,
	`outcome` text NOT NULL,
	`user_id` text,
	`user_email` text,
	`role` text,
	`organisation_id` integer,
	`responsible_user_id` text,
	`object_type` text,
	`object_id` text,
	`patient_id` text,
	`detail` text,
	`consent_override` integer DEFAULT false NOT NULL,
	`ip` text,
	`user_agent` text,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_user` ON `audit_events` (`user_id`);--> statement-breakpoint
CREATE INDEX `audit_patient` ON `audit_events` (`patient_id`);--> statement-breakpoint
CREATE INDEX `audit_at` ON `audit_events` (`at`);--> statement-breakpoint
CREATE TABLE `memberships` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` text NOT NULL,
	`role` text NOT NULL,
	`table_id` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`table_id`) REFERENCES `regional_tables`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `memberships_unique` ON `memberships` (`user_id`,`role`,`table_id`);--> statement-breakpoint
CREATE INDEX `memberships_table` ON `memberships` (`table_id`);--> statement-breakpoint
CREATE TABLE `organisations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`type` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `organisations_name_unique` ON `organisations` (`name`);--> statement-breakpoint
CREATE TABLE `regional_tables` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`number` integer NOT NULL,
	`slug` text NOT NULL,
	`name` text NOT NULL,
	`own_area` text NOT NULL,
	`lead_organisation_id` integer NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	FOREIGN KEY (`lead_organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `regional_tables_number_unique` ON `regional_tables` (`number`);--> statement-breakpoint
CREATE UNIQUE INDEX `regional_tables_slug_unique` ON `regional_tables` (`slug`);--> statement-breakpoint
CREATE TABLE `routing_rules` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`province` text NOT NULL,
	`municipality` text,
	`table_id` integer NOT NULL,
	FOREIGN KEY (`table_id`) REFERENCES `regional_tables`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `routing_rules_place` ON `routing_rules` (`province`,`municipality`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`expires_at` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `sessions_user` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE TABLE `table_insurers` (
	`table_id` integer NOT NULL,
	`organisation_id` integer NOT NULL,
	PRIMARY KEY(`table_id`, `organisation_id`),
	FOREIGN KEY (`table_id`) REFERENCES `regional_tables`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`email` text NOT NULL,
	`name` text NOT NULL,
	`organisation_id` integer NOT NULL,
	`password_hash` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`);