-- One table of named data versions instead of one single-row table per counter (0019, 0020).
-- Each row is a counter that triggers raise in the same transaction as the write it follows:
-- "access" on every write that can take access away (read by the case-room socket cache,
-- app/lib/case-room-access.server.ts), "monitor" on every write to a table the monitor counts from
-- (app/models/monitor-cache.server.ts). Both read it through dataVersion() in db/data-versions.ts.
-- Kept out of the drizzle schema: only SQL and the triggers touch it.
CREATE TABLE data_versions (
  name text PRIMARY KEY NOT NULL,
  version integer NOT NULL
);
--> statement-breakpoint
INSERT INTO data_versions (name, version)
  SELECT 'access', version FROM access_version WHERE id = 1
  UNION ALL SELECT 'monitor', version FROM monitor_data_version WHERE id = 1;
--> statement-breakpoint
DROP TRIGGER access_version_sessions_delete;
--> statement-breakpoint
DROP TRIGGER access_version_users_update;
--> statement-breakpoint
DROP TRIGGER access_version_users_delete;
--> statement-breakpoint
DROP TRIGGER access_version_organisations_update;
--> statement-breakpoint
DROP TRIGGER access_version_memberships_insert;
--> statement-breakpoint
DROP TRIGGER access_version_memberships_update;
--> statement-breakpoint
DROP TRIGGER access_version_memberships_delete;
--> statement-breakpoint
DROP TRIGGER access_version_consents_insert;
--> statement-breakpoint
DROP TRIGGER access_version_consents_update;
--> statement-breakpoint
DROP TRIGGER access_version_consents_delete;
--> statement-breakpoint
DROP TRIGGER access_version_consent_overrides_insert;
--> statement-breakpoint
DROP TRIGGER access_version_consent_overrides_update;
--> statement-breakpoint
DROP TRIGGER access_version_consent_overrides_delete;
--> statement-breakpoint
DROP TRIGGER access_version_cases_update;
--> statement-breakpoint
DROP TRIGGER access_version_cases_delete;
--> statement-breakpoint
DROP TRIGGER access_version_regional_tables_update;
--> statement-breakpoint
DROP TRIGGER access_version_meeting_invitations_update;
--> statement-breakpoint
DROP TRIGGER access_version_meeting_invitations_delete;
--> statement-breakpoint
DROP TRIGGER access_version_agenda_items_update;
--> statement-breakpoint
DROP TRIGGER access_version_agenda_items_delete;
--> statement-breakpoint
DROP TRIGGER monitor_version_cases_insert;
--> statement-breakpoint
DROP TRIGGER monitor_version_cases_update;
--> statement-breakpoint
DROP TRIGGER monitor_version_cases_delete;
--> statement-breakpoint
DROP TRIGGER monitor_version_case_events_insert;
--> statement-breakpoint
DROP TRIGGER monitor_version_case_events_update;
--> statement-breakpoint
DROP TRIGGER monitor_version_case_events_delete;
--> statement-breakpoint
DROP TRIGGER monitor_version_criteria_assessments_insert;
--> statement-breakpoint
DROP TRIGGER monitor_version_criteria_assessments_update;
--> statement-breakpoint
DROP TRIGGER monitor_version_criteria_assessments_delete;
--> statement-breakpoint
DROP TRIGGER monitor_version_criterion_verdicts_insert;
--> statement-breakpoint
DROP TRIGGER monitor_version_criterion_verdicts_update;
--> statement-breakpoint
DROP TRIGGER monitor_version_criterion_verdicts_delete;
--> statement-breakpoint
DROP TRIGGER monitor_version_escalations_insert;
--> statement-breakpoint
DROP TRIGGER monitor_version_escalations_update;
--> statement-breakpoint
DROP TRIGGER monitor_version_escalations_delete;
--> statement-breakpoint
DROP TRIGGER monitor_version_arrangements_insert;
--> statement-breakpoint
DROP TRIGGER monitor_version_arrangements_update;
--> statement-breakpoint
DROP TRIGGER monitor_version_arrangements_delete;
--> statement-breakpoint
DROP TRIGGER monitor_version_arrangement_components_insert;
--> statement-breakpoint
DROP TRIGGER monitor_version_arrangement_components_update;
--> statement-breakpoint
DROP TRIGGER monitor_version_arrangement_components_delete;
--> statement-breakpoint
DROP TRIGGER monitor_version_arrangement_parties_insert;
--> statement-breakpoint
DROP TRIGGER monitor_version_arrangement_parties_update;
--> statement-breakpoint
DROP TRIGGER monitor_version_arrangement_parties_delete;
--> statement-breakpoint
DROP TRIGGER monitor_version_organisations_insert;
--> statement-breakpoint
DROP TRIGGER monitor_version_organisations_update;
--> statement-breakpoint
DROP TRIGGER monitor_version_organisations_delete;
--> statement-breakpoint
DROP TRIGGER monitor_version_referrer_advices_insert;
--> statement-breakpoint
DROP TRIGGER monitor_version_referrer_advices_update;
--> statement-breakpoint
DROP TRIGGER monitor_version_referrer_advices_delete;
--> statement-breakpoint
DROP TRIGGER monitor_version_shortfalls_insert;
--> statement-breakpoint
DROP TRIGGER monitor_version_shortfalls_update;
--> statement-breakpoint
DROP TRIGGER monitor_version_shortfalls_delete;
--> statement-breakpoint
DROP TRIGGER monitor_version_lessons_insert;
--> statement-breakpoint
DROP TRIGGER monitor_version_lessons_update;
--> statement-breakpoint
DROP TRIGGER monitor_version_lessons_delete;
--> statement-breakpoint
DROP TRIGGER monitor_version_regional_tables_insert;
--> statement-breakpoint
DROP TRIGGER monitor_version_regional_tables_update;
--> statement-breakpoint
DROP TRIGGER monitor_version_regional_tables_delete;
--> statement-breakpoint
CREATE TRIGGER access_version_sessions_delete AFTER DELETE ON sessions
BEGIN
  UPDATE data_versions SET version = version + 1 WHERE name = 'access';
END;
--> statement-breakpoint
CREATE TRIGGER access_version_users_update AFTER UPDATE OF active, organisation_id, email ON users
BEGIN
  UPDATE data_versions SET version = version + 1 WHERE name = 'access';
END;
--> statement-breakpoint
CREATE TRIGGER access_version_users_delete AFTER DELETE ON users
BEGIN
  UPDATE data_versions SET version = version + 1 WHERE name = 'access';
END;
--> statement-breakpoint
CREATE TRIGGER access_version_organisations_update AFTER UPDATE OF active, type ON organisations
BEGIN
  UPDATE data_versions SET version = version + 1 WHERE name = 'access';
END;
--> statement-breakpoint
CREATE TRIGGER access_version_memberships_insert AFTER INSERT ON memberships
BEGIN
  UPDATE data_versions SET version = version + 1 WHERE name = 'access';
END;
--> statement-breakpoint
CREATE TRIGGER access_version_memberships_update AFTER UPDATE ON memberships
BEGIN
  UPDATE data_versions SET version = version + 1 WHERE name = 'access';
END;
--> statement-breakpoint
CREATE TRIGGER access_version_memberships_delete AFTER DELETE ON memberships
BEGIN
  UPDATE data_versions SET version = version + 1 WHERE name = 'access';
END;
--> statement-breakpoint
CREATE TRIGGER access_version_consents_insert AFTER INSERT ON consents
BEGIN
  UPDATE data_versions SET version = version + 1 WHERE name = 'access';
END;
--> statement-breakpoint
CREATE TRIGGER access_version_consents_update AFTER UPDATE ON consents
BEGIN
  UPDATE data_versions SET version = version + 1 WHERE name = 'access';
END;
--> statement-breakpoint
CREATE TRIGGER access_version_consents_delete AFTER DELETE ON consents
BEGIN
  UPDATE data_versions SET version = version + 1 WHERE name = 'access';
END;
--> statement-breakpoint
CREATE TRIGGER access_version_consent_overrides_insert AFTER INSERT ON consent_overrides
BEGIN
  UPDATE data_versions SET version = version + 1 WHERE name = 'access';
END;
--> statement-breakpoint
CREATE TRIGGER access_version_consent_overrides_update AFTER UPDATE ON consent_overrides
BEGIN
  UPDATE data_versions SET version = version + 1 WHERE name = 'access';
END;
--> statement-breakpoint
CREATE TRIGGER access_version_consent_overrides_delete AFTER DELETE ON consent_overrides
BEGIN
  UPDATE data_versions SET version = version + 1 WHERE name = 'access';
END;
--> statement-breakpoint
CREATE TRIGGER access_version_cases_update AFTER UPDATE OF table_id, insurer_id, referrer_organisation_id ON cases
BEGIN
  UPDATE data_versions SET version = version + 1 WHERE name = 'access';
END;
--> statement-breakpoint
CREATE TRIGGER access_version_cases_delete AFTER DELETE ON cases
BEGIN
  UPDATE data_versions SET version = version + 1 WHERE name = 'access';
END;
--> statement-breakpoint
CREATE TRIGGER access_version_regional_tables_update AFTER UPDATE OF lead_organisation_id ON regional_tables
BEGIN
  UPDATE data_versions SET version = version + 1 WHERE name = 'access';
END;
--> statement-breakpoint
CREATE TRIGGER access_version_meeting_invitations_update AFTER UPDATE ON meeting_invitations
BEGIN
  UPDATE data_versions SET version = version + 1 WHERE name = 'access';
END;
--> statement-breakpoint
CREATE TRIGGER access_version_meeting_invitations_delete AFTER DELETE ON meeting_invitations
BEGIN
  UPDATE data_versions SET version = version + 1 WHERE name = 'access';
END;
--> statement-breakpoint
CREATE TRIGGER access_version_agenda_items_update AFTER UPDATE OF case_id ON agenda_items
BEGIN
  UPDATE data_versions SET version = version + 1 WHERE name = 'access';
END;
--> statement-breakpoint
CREATE TRIGGER access_version_agenda_items_delete AFTER DELETE ON agenda_items
BEGIN
  UPDATE data_versions SET version = version + 1 WHERE name = 'access';
END;
--> statement-breakpoint
CREATE TRIGGER monitor_version_cases_insert AFTER INSERT ON cases
BEGIN
  UPDATE data_versions SET version = version + 1 WHERE name = 'monitor';
END;
--> statement-breakpoint
CREATE TRIGGER monitor_version_cases_update AFTER UPDATE ON cases
BEGIN
  UPDATE data_versions SET version = version + 1 WHERE name = 'monitor';
END;
--> statement-breakpoint
CREATE TRIGGER monitor_version_cases_delete AFTER DELETE ON cases
BEGIN
  UPDATE data_versions SET version = version + 1 WHERE name = 'monitor';
END;
--> statement-breakpoint
CREATE TRIGGER monitor_version_case_events_insert AFTER INSERT ON case_events
BEGIN
  UPDATE data_versions SET version = version + 1 WHERE name = 'monitor';
END;
--> statement-breakpoint
CREATE TRIGGER monitor_version_case_events_update AFTER UPDATE ON case_events
BEGIN
  UPDATE data_versions SET version = version + 1 WHERE name = 'monitor';
END;
--> statement-breakpoint
CREATE TRIGGER monitor_version_case_events_delete AFTER DELETE ON case_events
BEGIN
  UPDATE data_versions SET version = version + 1 WHERE name = 'monitor';
END;
--> statement-breakpoint
CREATE TRIGGER monitor_version_criteria_assessments_insert AFTER INSERT ON criteria_assessments
BEGIN
  UPDATE data_versions SET version = version + 1 WHERE name = 'monitor';
END;
--> statement-breakpoint
CREATE TRIGGER monitor_version_criteria_assessments_update AFTER UPDATE ON criteria_assessments
BEGIN
  UPDATE data_versions SET version = version + 1 WHERE name = 'monitor';
END;
--> statement-breakpoint
CREATE TRIGGER monitor_version_criteria_assessments_delete AFTER DELETE ON criteria_assessments
BEGIN
  UPDATE data_versions SET version = version + 1 WHERE name = 'monitor';
END;
--> statement-breakpoint
CREATE TRIGGER monitor_version_criterion_verdicts_insert AFTER INSERT ON criterion_verdicts
BEGIN
  UPDATE data_versions SET version = version + 1 WHERE name = 'monitor';
END;
--> statement-breakpoint
CREATE TRIGGER monitor_version_criterion_verdicts_update AFTER UPDATE ON criterion_verdicts
BEGIN
  UPDATE data_versions SET version = version + 1 WHERE name = 'monitor';
END;
--> statement-breakpoint
CREATE TRIGGER monitor_version_criterion_verdicts_delete AFTER DELETE ON criterion_verdicts
BEGIN
  UPDATE data_versions SET version = version + 1 WHERE name = 'monitor';
END;
--> statement-breakpoint
CREATE TRIGGER monitor_version_escalations_insert AFTER INSERT ON escalations
BEGIN
  UPDATE data_versions SET version = version + 1 WHERE name = 'monitor';
END;
--> statement-breakpoint
CREATE TRIGGER monitor_version_escalations_update AFTER UPDATE ON escalations
BEGIN
  UPDATE data_versions SET version = version + 1 WHERE name = 'monitor';
END;
--> statement-breakpoint
CREATE TRIGGER monitor_version_escalations_delete AFTER DELETE ON escalations
BEGIN
  UPDATE data_versions SET version = version + 1 WHERE name = 'monitor';
END;
--> statement-breakpoint
CREATE TRIGGER monitor_version_arrangements_insert AFTER INSERT ON arrangements
BEGIN
  UPDATE data_versions SET version = version + 1 WHERE name = 'monitor';
END;
--> statement-breakpoint
CREATE TRIGGER monitor_version_arrangements_update AFTER UPDATE ON arrangements
BEGIN
  UPDATE data_versions SET version = version + 1 WHERE name = 'monitor';
END;
--> statement-breakpoint
CREATE TRIGGER monitor_version_arrangements_delete AFTER DELETE ON arrangements
BEGIN
  UPDATE data_versions SET version = version + 1 WHERE name = 'monitor';
END;
--> statement-breakpoint
CREATE TRIGGER monitor_version_arrangement_components_insert AFTER INSERT ON arrangement_components
BEGIN
  UPDATE data_versions SET version = version + 1 WHERE name = 'monitor';
END;
--> statement-breakpoint
CREATE TRIGGER monitor_version_arrangement_components_update AFTER UPDATE ON arrangement_components
BEGIN
  UPDATE data_versions SET version = version + 1 WHERE name = 'monitor';
END;
--> statement-breakpoint
CREATE TRIGGER monitor_version_arrangement_components_delete AFTER DELETE ON arrangement_components
BEGIN
  UPDATE data_versions SET version = version + 1 WHERE name = 'monitor';
END;
--> statement-breakpoint
CREATE TRIGGER monitor_version_arrangement_parties_insert AFTER INSERT ON arrangement_parties
BEGIN
  UPDATE data_versions SET version = version + 1 WHERE name = 'monitor';
END;
--> statement-breakpoint
CREATE TRIGGER monitor_version_arrangement_parties_update AFTER UPDATE ON arrangement_parties
BEGIN
  UPDATE data_versions SET version = version + 1 WHERE name = 'monitor';
END;
--> statement-breakpoint
CREATE TRIGGER monitor_version_arrangement_parties_delete AFTER DELETE ON arrangement_parties
BEGIN
  UPDATE data_versions SET version = version + 1 WHERE name = 'monitor';
END;
--> statement-breakpoint
CREATE TRIGGER monitor_version_organisations_insert AFTER INSERT ON organisations
BEGIN
  UPDATE data_versions SET version = version + 1 WHERE name = 'monitor';
END;
--> statement-breakpoint
CREATE TRIGGER monitor_version_organisations_update AFTER UPDATE ON organisations
BEGIN
  UPDATE data_versions SET version = version + 1 WHERE name = 'monitor';
END;
--> statement-breakpoint
CREATE TRIGGER monitor_version_organisations_delete AFTER DELETE ON organisations
BEGIN
  UPDATE data_versions SET version = version + 1 WHERE name = 'monitor';
END;
--> statement-breakpoint
CREATE TRIGGER monitor_version_referrer_advices_insert AFTER INSERT ON referrer_advices
BEGIN
  UPDATE data_versions SET version = version + 1 WHERE name = 'monitor';
END;
--> statement-breakpoint
CREATE TRIGGER monitor_version_referrer_advices_update AFTER UPDATE ON referrer_advices
BEGIN
  UPDATE data_versions SET version = version + 1 WHERE name = 'monitor';
END;
--> statement-breakpoint
CREATE TRIGGER monitor_version_referrer_advices_delete AFTER DELETE ON referrer_advices
BEGIN
  UPDATE data_versions SET version = version + 1 WHERE name = 'monitor';
END;
--> statement-breakpoint
CREATE TRIGGER monitor_version_shortfalls_insert AFTER INSERT ON shortfalls
BEGIN
  UPDATE data_versions SET version = version + 1 WHERE name = 'monitor';
END;
--> statement-breakpoint
CREATE TRIGGER monitor_version_shortfalls_update AFTER UPDATE ON shortfalls
BEGIN
  UPDATE data_versions SET version = version + 1 WHERE name = 'monitor';
END;
--> statement-breakpoint
CREATE TRIGGER monitor_version_shortfalls_delete AFTER DELETE ON shortfalls
BEGIN
  UPDATE data_versions SET version = version + 1 WHERE name = 'monitor';
END;
--> statement-breakpoint
CREATE TRIGGER monitor_version_lessons_insert AFTER INSERT ON lessons
BEGIN
  UPDATE data_versions SET version = version + 1 WHERE name = 'monitor';
END;
--> statement-breakpoint
CREATE TRIGGER monitor_version_lessons_update AFTER UPDATE ON lessons
BEGIN
  UPDATE data_versions SET version = version + 1 WHERE name = 'monitor';
END;
--> statement-breakpoint
CREATE TRIGGER monitor_version_lessons_delete AFTER DELETE ON lessons
BEGIN
  UPDATE data_versions SET version = version + 1 WHERE name = 'monitor';
END;
--> statement-breakpoint
CREATE TRIGGER monitor_version_regional_tables_insert AFTER INSERT ON regional_tables
BEGIN
  UPDATE data_versions SET version = version + 1 WHERE name = 'monitor';
END;
--> statement-breakpoint
CREATE TRIGGER monitor_version_regional_tables_update AFTER UPDATE ON regional_tables
BEGIN
  UPDATE data_versions SET version = version + 1 WHERE name = 'monitor';
END;
--> statement-breakpoint
CREATE TRIGGER monitor_version_regional_tables_delete AFTER DELETE ON regional_tables
BEGIN
  UPDATE data_versions SET version = version + 1 WHERE name = 'monitor';
END;
--> statement-breakpoint
DROP TABLE access_version;
--> statement-breakpoint
DROP TABLE monitor_data_version;
