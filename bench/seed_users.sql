-- Bench users of one organisation, written straight into PostgreSQL (one statement, not one
-- HTTP call per user). psql variables: org, users.
\set ON_ERROR_STOP on
SET synchronous_commit = off;

INSERT INTO scim_users (org_id, user_name, external_id, given_name, family_name, email, active, attributes, email_values)
SELECT :'org', p.user_name, p.external_id, p.given_name, p.family_name, p.user_name, p.active,
       jsonb_build_object('userName', p.user_name, 'externalId', p.external_id,
                          'name', jsonb_build_object('givenName', p.given_name, 'familyName', p.family_name),
                          'emails', jsonb_build_array(jsonb_build_object('value', p.user_name, 'type', 'work', 'primary', true)),
                          'active', p.active),
       ARRAY[p.user_name]
FROM (SELECT 'user' || i || '@example.com' AS user_name, 'ext-' || i AS external_id,
             'Given' || (i % 997) AS given_name, 'Family' || (i % 4999) AS family_name, (i % 10 <> 0) AS active
      FROM generate_series(1, :users) AS i) p;

-- The organisation's count, as the server's own writes keep it (sql/0011).
INSERT INTO scim_resource_counts (org_id, resource_type, slot, n)
SELECT :'org', 'User', 0, count(*) FROM scim_users WHERE org_id = :'org'
ON CONFLICT (org_id, resource_type, slot) DO UPDATE SET n = excluded.n;
