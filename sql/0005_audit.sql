-- Every write through the SCIM API, recorded in the same transaction as the write.
CREATE TABLE audit_log (
    id            bigserial PRIMARY KEY,
    org_id        uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    app_id        uuid,
    request_id    text NOT NULL,
    resource_type text NOT NULL,
    resource_id   uuid NOT NULL,
    operation     text NOT NULL CHECK (operation IN ('create', 'replace', 'patch', 'delete')),
    at            timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX audit_log_org_at ON audit_log (org_id, at);
