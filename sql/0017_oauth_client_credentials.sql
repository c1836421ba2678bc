-- OAuth 2.0 client credentials (RFC 6749 §4.4) for an application, as Microsoft Entra ID's
-- gallery asks: the client id is the application's id; several secrets may be active at once
-- (rotation). A secret buys access tokens that live minutes to hours. Secrets and access
-- tokens are kept only as SHA-256 digests, like bearer tokens (api_tokens).
CREATE TABLE oauth_client_secrets (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    app_id      uuid NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    org_id      uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    secret_hash text NOT NULL UNIQUE,
    created     timestamptz NOT NULL DEFAULT now(),
    revoked_at  timestamptz
);
CREATE INDEX oauth_client_secrets_app ON oauth_client_secrets (app_id);

CREATE TABLE oauth_access_tokens (
    token_hash text PRIMARY KEY,
    secret_id  uuid NOT NULL REFERENCES oauth_client_secrets (id) ON DELETE CASCADE,
    app_id     uuid NOT NULL,
    org_id     uuid NOT NULL,
    created    timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL
);
-- A secret's expired tokens are deleted when it buys the next one.
CREATE INDEX oauth_access_tokens_secret ON oauth_access_tokens (secret_id, expires_at);
