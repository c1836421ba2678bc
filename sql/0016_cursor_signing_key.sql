-- The secret RFC 9865 cursors are signed with (HMAC-SHA-256): one for the deployment, kept in
-- the database so that every worker on every host signs and checks alike. Two version-4
-- UUIDs give 244 bits from PostgreSQL's strong random source.
CREATE TABLE cursor_signing_key (
    id     int PRIMARY KEY CHECK (id = 1),
    secret text NOT NULL
);
INSERT INTO cursor_signing_key (id, secret)
VALUES (1, replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''));
