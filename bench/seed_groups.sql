-- Bench groups of one organisation seeded by seed_users.sql: one of 100,000 members, one of
-- 10, and 1,000 groups that user1 belongs to. psql variable: org.
\set ON_ERROR_STOP on
SET synchronous_commit = off;
-- The users were just written: without statistics the joins below would be planned as scans.
ANALYZE scim_users;

INSERT INTO scim_groups (org_id, display_name, attributes)
VALUES (:'org', 'Big', '{"displayName":"Big"}'), (:'org', 'Small', '{"displayName":"Small"}');
INSERT INTO scim_group_members (org_id, group_id, member_id, member_type)
SELECT :'org', g.id, u.id, 'User'
FROM scim_groups g JOIN scim_users u ON u.org_id = g.org_id
WHERE g.org_id = :'org' AND g.display_name = 'Big'
  AND lower(u.user_name) IN (SELECT 'user' || i || '@example.com' FROM generate_series(1, 100000) AS i);
INSERT INTO scim_group_members (org_id, group_id, member_id, member_type)
SELECT :'org', g.id, u.id, 'User'
FROM scim_groups g JOIN scim_users u ON u.org_id = g.org_id
WHERE g.org_id = :'org' AND g.display_name = 'Small'
  AND lower(u.user_name) IN (SELECT 'user' || i || '@example.com' FROM generate_series(1, 10) AS i);
INSERT INTO scim_groups (org_id, display_name, attributes)
SELECT :'org', 'Team ' || i, jsonb_build_object('displayName', 'Team ' || i) FROM generate_series(1, 1000) AS i;
INSERT INTO scim_group_members (org_id, group_id, member_id, member_type)
SELECT :'org', g.id, u.id, 'User'
FROM scim_groups g, scim_users u
WHERE g.org_id = :'org' AND g.display_name LIKE 'Team %' AND u.org_id = :'org' AND lower(u.user_name) = 'user1@example.com';

INSERT INTO scim_resource_counts (org_id, resource_type, slot, n)
SELECT :'org', 'Group', 0, count(*) FROM scim_groups WHERE org_id = :'org'
ON CONFLICT (org_id, resource_type, slot) DO UPDATE SET n = excluded.n;
