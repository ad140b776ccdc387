ALTER TABLE `consents` ADD `withdrawal_requested_by` text;--> statement-breakpoint
ALTER TABLE `consents` ADD `withdrawal_reason` text;--> statement-breakpoint
ALTER TABLE `consents` ADD `withdrawn_by_user_id` text REFERENCES users(id);