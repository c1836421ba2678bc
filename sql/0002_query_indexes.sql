-- Indexes and helpers for filtering and sorting (RFC 7644 §3.4.2).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- Every email value, lower-cased, so that `emails.value eq` uses an index whatever the
-- position of the address in the list.
ALTER TABLE scim_users ADD COLUMN email_values text[] NOT NULL DEFAULT '{}';
UPDATE scim_users SET email_values = ARRAY(
    SELECT lower(e ->> 'value') FROM jsonb_array_elements(coalesce(attributes -> 'emails', '[]')) e
    WHERE e ->> 'value' IS NOT NULL);
CREATE INDEX scim_users_email_values ON scim_users USING gin (email_values);

-- sw: prefix scans; co/ew: trigram indexes.
CREATE INDEX scim_users_user_name_prefix ON scim_users (org_id, lower(user_name) text_pattern_ops);
CREATE INDEX scim_users_user_name_trgm ON scim_users USING gin (lower(user_name) gin_trgm_ops);
CREATE INDEX scim_users_family_name_trgm ON scim_users USING gin (lower(family_name) gin_trgm_ops);
CREATE INDEX scim_users_given_name_trgm ON scim_users USING gin (lower(given_name) gin_trgm_ops);
CREATE INDEX scim_users_last_modified ON scim_users (org_id, last_modified);
CREATE INDEX scim_users_sort_user_name ON scim_users (org_id, lower(user_name) COLLATE "C", id);

-- RFC 7644 §3.4.2.2 "pr": a value that is not null, not "", and not an empty array or
-- object (recursively). One definition shared by every generated query.
CREATE FUNCTION scim_present(v jsonb) RETURNS boolean
LANGUAGE sql IMMUTABLE STRICT AS $$
    SELECT CASE jsonb_typeof(v)
        WHEN 'string' THEN (v #>> '{}') <> ''
        WHEN 'number' THEN true
        WHEN 'boolean' THEN true
        WHEN 'array' THEN EXISTS (SELECT 1 FROM jsonb_array_elements(v) e WHERE scim_present(e))
        WHEN 'object' THEN EXISTS (SELECT 1 FROM jsonb_each(v) kv WHERE scim_present(kv.value))
        ELSE false
    END
$$;

-- Times are kept to the millisecond, the precision meta.created and meta.lastModified
-- show, so that a filter on a returned value compares equal to it.
ALTER TABLE scim_users ALTER COLUMN created SET DEFAULT date_trunc('milliseconds', now());
ALTER TABLE scim_users ALTER COLUMN last_modified SET DEFAULT date_trunc('milliseconds', now());
UPDATE scim_users SET created = date_trunc('milliseconds', created),
                      last_modified = date_trunc('milliseconds', last_modified);
