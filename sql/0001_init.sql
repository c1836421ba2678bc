-- Tenants, their applications and bearer tokens, and users.
CREATE TABLE organizations (
    id      uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name    text NOT NULL,
    created timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE applications (
    id      uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    org_id  uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    name    text NOT NULL,
    created timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX applications_org ON applications (org_id);

-- Only the SHA-256 digest of a token is kept; the token itself is shown once.
CREATE TABLE api_tokens (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    app_id     uuid NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    org_id     uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    token_hash text NOT NULL UNIQUE,
    created    timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz,
    revoked_at timestamptz
);
CREATE INDEX api_tokens_org ON api_tokens (org_id);

CREATE TABLE scim_users (
    org_id        uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    id            uuid NOT NULL DEFAULT gen_random_uuid(),
    user_name     text NOT NULL,
    external_id   text,
    given_name    text,
    family_name   text,
    email         text,
    phone         text,
    active        boolean NOT NULL DEFAULT true,
    attributes    jsonb NOT NULL,
    password_hash text,
    version       bigint NOT NULL DEFAULT 1,
    created       timestamptz NOT NULL DEFAULT now(),
    last_modified timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (org_id, id)
);
-- userName is unique per organisation, case-insensitively (RFC 7643 §4.1.1: caseExact false).
CREATE UNIQUE INDEX scim_users_user_name ON scim_users (org_id, lower(user_name));
CREATE INDEX scim_users_external_id ON scim_users (org_id, external_id);
CREATE INDEX scim_users_email ON scim_users (org_id, lower(email));
CREATE INDEX scim_users_created ON scim_users (org_id, created, id);
