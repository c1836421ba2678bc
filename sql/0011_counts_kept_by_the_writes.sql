-- The resource counters are kept by the statements that insert and delete users and groups
-- (a data-modifying CTE in each: store/resource_record.cpp) instead of statement triggers:
-- a trigger with a transition table cost a create about a sixth of its database time (a
-- PL/pgSQL call, a tuplestore, a grouped query). The counts are recomputed once from the rows.
DROP TRIGGER scim_users_counted_insert ON scim_users;
DROP TRIGGER scim_users_counted_delete ON scim_users;
DROP TRIGGER scim_groups_counted_insert ON scim_groups;
DROP TRIGGER scim_groups_counted_delete ON scim_groups;
DROP FUNCTION scim_count_inserted();
DROP FUNCTION scim_count_deleted();

LOCK TABLE scim_users, scim_groups IN SHARE MODE;
DELETE FROM scim_resource_counts;
INSERT INTO scim_resource_counts (org_id, resource_type, slot, n)
SELECT org_id, 'User', 0, count(*) FROM scim_users GROUP BY org_id;
INSERT INTO scim_resource_counts (org_id, resource_type, slot, n)
SELECT org_id, 'Group', 0, count(*) FROM scim_groups GROUP BY org_id;
