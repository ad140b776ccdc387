-- The monitor's cache key: every write to a table the monitor counts from raises this version in
-- the same transaction, whichever process writes (app/models/monitor-cache.server.ts).
-- test/integration/monitor-cache.test.ts checks that every table named in the monitor's SQL has
-- all three triggers. Kept out of the drizzle schema, like access_version: only SQL reads it.
CREATE TABLE `monitor_data_version` (
  `id` integer PRIMARY KEY CHECK (`id` = 1),
  `version` integer NOT NULL
);
--> statement-breakpoint
INSERT INTO `monitor_data_version` (`id`, `version`) VALUES (1, 0);
--> statement-breakpoint
CREATE TRIGGER `monitor_version_cases_insert` AFTER INSERT ON `cases` BEGIN UPDATE `monitor_data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `monitor_version_cases_update` AFTER UPDATE ON `cases` BEGIN UPDATE `monitor_data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `monitor_version_cases_delete` AFTER DELETE ON `cases` BEGIN UPDATE `monitor_data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `monitor_version_case_events_insert` AFTER INSERT ON `case_events` BEGIN UPDATE `monitor_data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `monitor_version_case_events_update` AFTER UPDATE ON `case_events` BEGIN UPDATE `monitor_data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `monitor_version_case_events_delete` AFTER DELETE ON `case_events` BEGIN UPDATE `monitor_data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `monitor_version_criteria_assessments_insert` AFTER INSERT ON `criteria_assessments` BEGIN UPDATE `monitor_data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `monitor_version_criteria_assessments_update` AFTER UPDATE ON `criteria_assessments` BEGIN UPDATE `monitor_data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `monitor_version_criteria_assessments_delete` AFTER DELETE ON `criteria_assessments` BEGIN UPDATE `monitor_data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `monitor_version_criterion_verdicts_insert` AFTER INSERT ON `criterion_verdicts` BEGIN UPDATE `monitor_data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `monitor_version_criterion_verdicts_update` AFTER UPDATE ON `criterion_verdicts` BEGIN UPDATE `monitor_data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `monitor_version_criterion_verdicts_delete` AFTER DELETE ON `criterion_verdicts` BEGIN UPDATE `monitor_data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `monitor_version_escalations_insert` AFTER INSERT ON `escalations` BEGIN UPDATE `monitor_data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `monitor_version_escalations_update` AFTER UPDATE ON `escalations` BEGIN UPDATE `monitor_data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `monitor_version_escalations_delete` AFTER DELETE ON `escalations` BEGIN UPDATE `monitor_data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `monitor_version_arrangements_insert` AFTER INSERT ON `arrangements` BEGIN UPDATE `monitor_data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `monitor_version_arrangements_update` AFTER UPDATE ON `arrangements` BEGIN UPDATE `monitor_data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `monitor_version_arrangements_delete` AFTER DELETE ON `arrangements` BEGIN UPDATE `monitor_data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `monitor_version_arrangement_components_insert` AFTER INSERT ON `arrangement_components` BEGIN UPDATE `monitor_data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `monitor_version_arrangement_components_update` AFTER UPDATE ON `arrangement_components` BEGIN UPDATE `monitor_data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `monitor_version_arrangement_components_delete` AFTER DELETE ON `arrangement_components` BEGIN UPDATE `monitor_data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `monitor_version_arrangement_parties_insert` AFTER INSERT ON `arrangement_parties` BEGIN UPDATE `monitor_data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `monitor_version_arrangement_parties_update` AFTER UPDATE ON `arrangement_parties` BEGIN UPDATE `monitor_data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `monitor_version_arrangement_parties_delete` AFTER DELETE ON `arrangement_parties` BEGIN UPDATE `monitor_data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `monitor_version_organisations_insert` AFTER INSERT ON `organisations` BEGIN UPDATE `monitor_data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `monitor_version_organisations_update` AFTER UPDATE ON `organisations` BEGIN UPDATE `monitor_data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `monitor_version_organisations_delete` AFTER DELETE ON `organisations` BEGIN UPDATE `monitor_data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `monitor_version_referrer_advices_insert` AFTER INSERT ON `referrer_advices` BEGIN UPDATE `monitor_data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `monitor_version_referrer_advices_update` AFTER UPDATE ON `referrer_advices` BEGIN UPDATE `monitor_data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `monitor_version_referrer_advices_delete` AFTER DELETE ON `referrer_advices` BEGIN UPDATE `monitor_data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `monitor_version_shortfalls_insert` AFTER INSERT ON `shortfalls` BEGIN UPDATE `monitor_data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `monitor_version_shortfalls_update` AFTER UPDATE ON `shortfalls` BEGIN UPDATE `monitor_data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `monitor_version_shortfalls_delete` AFTER DELETE ON `shortfalls` BEGIN UPDATE `monitor_data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `monitor_version_lessons_insert` AFTER INSERT ON `lessons` BEGIN UPDATE `monitor_data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `monitor_version_lessons_update` AFTER UPDATE ON `lessons` BEGIN UPDATE `monitor_data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `monitor_version_lessons_delete` AFTER DELETE ON `lessons` BEGIN UPDATE `monitor_data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `monitor_version_regional_tables_insert` AFTER INSERT ON `regional_tables` BEGIN UPDATE `monitor_data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `monitor_version_regional_tables_update` AFTER UPDATE ON `regional_tables` BEGIN UPDATE `monitor_data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `monitor_version_regional_tables_delete` AFTER DELETE ON `regional_tables` BEGIN UPDATE `monitor_data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
