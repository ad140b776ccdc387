DROP INDEX `memberships_unique`;--> statement-breakpoint
CREATE UNIQUE INDEX `memberships_unique` ON `memberships` (`user_id`,`role`,coalesce(`table_id`, 0));
