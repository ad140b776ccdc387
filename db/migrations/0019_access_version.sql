-- One counter that every write able to take away someone's access raises (sessions ended,
-- accounts and organisations changed, memberships, consents and overrides, a case moving to
-- another table, guest invitations). A case-room socket caches its user and case access with
-- the counter's value and checks again only when the counter moved: one tiny read per message
-- instead of the session, account and case queries, and no write can be missed.
CREATE TABLE access_version (
  id integer PRIMARY KEY CHECK (id = 1),
  version integer NOT NULL
);
--> statement-breakpoint
INSERT INTO access_version (id, version) VALUES (1, 0);
--> statement-breakpoint
CREATE TRIGGER access_version_sessions_delete AFTER DELETE ON sessions
BEGIN
  UPDATE access_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER access_version_users_update AFTER UPDATE OF active, organisation_id, email ON users
BEGIN
  UPDATE access_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER access_version_users_delete AFTER DELETE ON users
BEGIN
  UPDATE access_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER access_version_organisations_update AFTER UPDATE OF active, type ON organisations
BEGIN
  UPDATE access_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER access_version_memberships_insert AFTER INSERT ON memberships
BEGIN
  UPDATE access_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER access_version_memberships_update AFTER UPDATE ON memberships
BEGIN
  UPDATE access_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER access_version_memberships_delete AFTER DELETE ON memberships
BEGIN
  UPDATE access_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER access_version_consents_insert AFTER INSERT ON consents
BEGIN
  UPDATE access_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER access_version_consents_update AFTER UPDATE ON consents
BEGIN
  UPDATE access_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER access_version_consents_delete AFTER DELETE ON consents
BEGIN
  UPDATE access_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER access_version_consent_overrides_insert AFTER INSERT ON consent_overrides
BEGIN
  UPDATE access_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER access_version_consent_overrides_update AFTER UPDATE ON consent_overrides
BEGIN
  UPDATE access_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER access_version_consent_overrides_delete AFTER DELETE ON consent_overrides
BEGIN
  UPDATE access_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER access_version_cases_update AFTER UPDATE OF table_id, insurer_id, referrer_organisation_id ON cases
BEGIN
  UPDATE access_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER access_version_cases_delete AFTER DELETE ON cases
BEGIN
  UPDATE access_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER access_version_regional_tables_update AFTER UPDATE OF lead_organisation_id ON regional_tables
BEGIN
  UPDATE access_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER access_version_meeting_invitations_update AFTER UPDATE ON meeting_invitations
BEGIN
  UPDATE access_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER access_version_meeting_invitations_delete AFTER DELETE ON meeting_invitations
BEGIN
  UPDATE access_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER access_version_agenda_items_update AFTER UPDATE OF case_id ON agenda_items
BEGIN
  UPDATE access_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER access_version_agenda_items_delete AFTER DELETE ON agenda_items
BEGIN
  UPDATE access_version SET version = version + 1 WHERE id = 1;
END;
