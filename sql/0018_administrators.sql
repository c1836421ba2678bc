-- An organisation's administrators, who sign in to its portal: e-mail (unique in the
-- organisation, without case) and an argon2id password hash, never the password.
CREATE TABLE administrators (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    org_id        uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    email         text NOT NULL,
    password_hash text NOT NULL,
    created       timestamptz NOT NULL DEFAULT now(),
    disabled_at   timestamptz
);
CREATE UNIQUE INDEX administrators_email ON administrators (org_id, lower(email));
