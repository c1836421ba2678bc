-- User.groups of one user, written whole as the attribute's JSON array (RFC 7643 §4.1.2:
-- value, $ref, display, type direct or indirect through nested groups), for reads that return
-- users. p_ref_base is the absolute URL of the organisation's /Groups/. A function rather than
-- a subquery in each read: PostgreSQL sets up a subquery's whole plan on every execution of
-- the statement, used or not, which cost a read of a user in no group a third of its time;
-- PL/pgSQL plans this once per session and runs it only for members. Written whole, $ref
-- included, so that the worker adds the text to the response as it is (parsing rows and
-- writing them again cost it 8 ms for a user in 1,000 groups).
CREATE FUNCTION scim_user_groups(p_org uuid, p_member uuid, p_ref_base text) RETURNS text
LANGUAGE plpgsql STABLE AS $$
BEGIN
    RETURN (
        WITH RECURSIVE up (group_id, direct) AS (
            SELECT m.group_id, true FROM scim_group_members m WHERE m.org_id = p_org AND m.member_id = p_member
            UNION
            SELECT m.group_id, false FROM up JOIN scim_group_members m ON m.org_id = p_org AND m.member_id = up.group_id
        )
        SELECT json_agg(json_build_object('value', g.id, '$ref', p_ref_base || g.id, 'display', g.display_name,
                                          'type', CASE WHEN a.direct THEN 'direct' ELSE 'indirect' END)
                        ORDER BY g.display_name, g.id)::text
        FROM (SELECT up.group_id, bool_or(up.direct) AS direct FROM up GROUP BY up.group_id) a
        JOIN scim_groups g ON g.org_id = p_org AND g.id = a.group_id);
END
$$;
