-- When a bearer token or a client secret was last used, to the minute: a token's lookup says
-- whether its mark is a minute old, and only then is it written (not on every request).
ALTER TABLE api_tokens ADD COLUMN last_used_at timestamptz;
ALTER TABLE oauth_client_secrets ADD COLUMN last_used_at timestamptz;
