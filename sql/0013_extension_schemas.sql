-- Extension schemas an organisation registers for its own users or groups (scimctl schema
-- add): the RFC 7643 §7 definition as given, checked by scimctl before it is stored.
-- Their data lives in the resources' attributes under the URN, as the enterprise extension's does.
CREATE TABLE extension_schemas (
    org_id        uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    urn           text NOT NULL,
    resource_type text NOT NULL CHECK (resource_type IN ('User', 'Group')),
    definition    jsonb NOT NULL,
    created       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (org_id, urn)
);
-- URNs compare without case (RFC 7643 §2.1), so one spelling per organisation.
CREATE UNIQUE INDEX extension_schemas_urn ON extension_schemas (org_id, lower(urn));

-- Advanced by every change to the organisation's schemas: read with the token on every
-- request, so a worker rebuilds an organisation's registry exactly when it changed.
ALTER TABLE organizations ADD COLUMN schema_version bigint NOT NULL DEFAULT 0;
