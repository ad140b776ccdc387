-- One list of actions per case: actions agreed in a meeting become the case's plan actions,
-- marked with the agenda item they were agreed on. Cases without a plan get an empty one.
INSERT INTO `care_plans` (`case_id`, `created_at`, `updated_at`)
SELECT DISTINCT ai.`case_id`, aa.`created_at`, aa.`created_at`
FROM `agenda_actions` aa JOIN `agenda_items` ai ON ai.`id` = aa.`agenda_item_id`
WHERE NOT EXISTS (SELECT 1 FROM `care_plans` cp WHERE cp.`case_id` = ai.`case_id`)
GROUP BY ai.`case_id`;
--> statement-breakpoint
INSERT INTO `plan_actions` (`plan_id`, `description`, `owner_organisation_id`, `agenda_item_id`, `due_date`, `status`, `updated_at`)
SELECT cp.`id`, aa.`description`, aa.`owner_organisation_id`, aa.`agenda_item_id`, aa.`due_date`,
       CASE WHEN aa.`done` THEN 'done' ELSE 'open' END, aa.`created_at`
FROM `agenda_actions` aa
JOIN `agenda_items` ai ON ai.`id` = aa.`agenda_item_id`
JOIN `care_plans` cp ON cp.`case_id` = ai.`case_id`;
--> statement-breakpoint
DROP TABLE `agenda_actions`;
