-- The applications portal: administrators' sessions (the cookie's value kept only as its
-- SHA-256 digest, with an absolute expiry; the idle one is checked against last_seen),
-- failed sign-ins counted per account to slow guessing down, and who did what in the audit
-- trail (admin_id for portal actions; app_id stays the SCIM client's).
CREATE TABLE portal_sessions (
    id_hash    text PRIMARY KEY,
    org_id     uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    admin_id   uuid NOT NULL REFERENCES administrators (id) ON DELETE CASCADE,
    created    timestamptz NOT NULL DEFAULT now(),
    last_seen  timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL
);
CREATE INDEX portal_sessions_admin ON portal_sessions (admin_id);

CREATE TABLE portal_sign_in_failures (
    org_id   uuid NOT NULL,
    email    text NOT NULL,  -- lower-cased
    failures int NOT NULL,
    since    timestamptz NOT NULL,
    PRIMARY KEY (org_id, email)
);

ALTER TABLE audit_log ADD COLUMN admin_id uuid;
-- The portal's actions besides the SCIM writes.
ALTER TABLE audit_log DROP CONSTRAINT audit_log_operation_check;
ALTER TABLE audit_log ADD CONSTRAINT audit_log_operation_check
    CHECK (operation IN ('create', 'replace', 'patch', 'delete', 'revoke', 'sign-in'));
