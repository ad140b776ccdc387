CREATE INDEX `audit_action` ON `audit_events` (`action`);--> statement-breakpoint
CREATE INDEX `audit_user_email` ON `audit_events` ("user_email" collate nocase);