-- Bench data, written straight into PostgreSQL (one statement per table, not one HTTP call
-- per user). psql variables: org_a, org_b, users, users_b, app_base.
\set ON_ERROR_STOP on
SET synchronous_commit = off;

CREATE TEMP TABLE bench_people AS
SELECT i,
       'user' || i || '@example.com' AS user_name,
       'ext-' || i AS external_id,
       'Given' || (i % 997) AS given_name,
       'Family' || (i % 4999) AS family_name,
       (i % 10 <> 0) AS active
FROM generate_series(1, :users) AS i;

INSERT INTO scim_users (org_id, user_name, external_id, given_name, family_name, email, active, attributes, email_values)
SELECT :'org_a', p.user_name, p.external_id, p.given_name, p.family_name, p.user_name, p.active,
       jsonb_build_object('userName', p.user_name, 'externalId', p.external_id,
                          'name', jsonb_build_object('givenName', p.given_name, 'familyName', p.family_name),
                          'emails', jsonb_build_array(jsonb_build_object('value', p.user_name, 'type', 'work', 'primary', true)),
                          'active', p.active),
       ARRAY[p.user_name]
FROM bench_people p;

-- A second organisation whose userNames overlap the first one's.
INSERT INTO scim_users (org_id, user_name, external_id, given_name, family_name, email, active, attributes, email_values)
SELECT :'org_b', p.user_name, p.external_id, p.given_name, p.family_name, p.user_name, p.active,
       jsonb_build_object('userName', p.user_name, 'externalId', p.external_id,
                          'name', jsonb_build_object('givenName', p.given_name, 'familyName', p.family_name),
                          'active', p.active),
       ARRAY[p.user_name]
FROM bench_people p WHERE p.i <= :users_b;

-- Groups: one of 100,000 members, one of 10, and 1,000 groups that user1 belongs to.
INSERT INTO scim_groups (org_id, display_name, attributes)
VALUES (:'org_a', 'Big', '{"displayName":"Big"}'), (:'org_a', 'Small', '{"displayName":"Small"}');
INSERT INTO scim_group_members (org_id, group_id, member_id, member_type)
SELECT :'org_a', g.id, u.id, 'User'
FROM scim_groups g JOIN scim_users u ON u.org_id = g.org_id
WHERE g.org_id = :'org_a' AND g.display_name = 'Big' AND u.user_name IN (SELECT user_name FROM bench_people WHERE i <= 100000);
INSERT INTO scim_group_members (org_id, group_id, member_id, member_type)
SELECT :'org_a', g.id, u.id, 'User'
FROM scim_groups g JOIN scim_users u ON u.org_id = g.org_id
WHERE g.org_id = :'org_a' AND g.display_name = 'Small' AND u.user_name IN (SELECT user_name FROM bench_people WHERE i <= 10);
INSERT INTO scim_groups (org_id, display_name, attributes)
SELECT :'org_a', 'Team ' || i, jsonb_build_object('displayName', 'Team ' || i) FROM generate_series(1, 1000) AS i;
INSERT INTO scim_group_members (org_id, group_id, member_id, member_type)
SELECT :'org_a', g.id, u.id, 'User'
FROM scim_groups g, scim_users u
WHERE g.org_id = :'org_a' AND g.display_name LIKE 'Team %' AND u.org_id = :'org_a' AND u.user_name = 'user1@example.com';

ANALYZE scim_users;
ANALYZE scim_groups;
ANALYZE scim_group_members;
