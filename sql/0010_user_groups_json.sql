-- User.groups of one user as JSON text ([group id, displayName, direct] per group, direct
-- false when only through nested groups), for reads that return users. A function rather
-- than a subquery in each read: PostgreSQL sets up a subquery's whole plan on every
-- execution of the statement, used or not, which cost a read of a user in no group a third
-- of its time; PL/pgSQL plans this once per session and runs it only for members.
CREATE FUNCTION scim_user_groups_json(p_org uuid, p_member uuid) RETURNS text
LANGUAGE plpgsql STABLE AS $$
BEGIN
    RETURN (
        WITH RECURSIVE up (group_id, direct) AS (
            SELECT m.group_id, true FROM scim_group_members m WHERE m.org_id = p_org AND m.member_id = p_member
            UNION
            SELECT m.group_id, false FROM up JOIN scim_group_members m ON m.org_id = p_org AND m.member_id = up.group_id
        )
        SELECT json_agg(json_build_array(g.id, g.display_name, a.direct) ORDER BY g.display_name, g.id)::text
        FROM (SELECT up.group_id, bool_or(up.direct) AS direct FROM up GROUP BY up.group_id) a
        JOIN scim_groups g ON g.org_id = p_org AND g.id = a.group_id);
END
$$;
