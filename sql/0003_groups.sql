-- Groups, and their members in a table of their own so that adding or removing members
-- touches only those rows, however large the group.
CREATE TABLE scim_groups (
    org_id        uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    id            uuid NOT NULL DEFAULT gen_random_uuid(),
    display_name  text NOT NULL,
    external_id   text,
    attributes    jsonb NOT NULL,  -- everything but members
    version       bigint NOT NULL DEFAULT 1,
    created       timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
    last_modified timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
    PRIMARY KEY (org_id, id)
);
CREATE INDEX scim_groups_display_name ON scim_groups (org_id, lower(display_name));
CREATE INDEX scim_groups_display_name_prefix ON scim_groups (org_id, lower(display_name) text_pattern_ops);
CREATE INDEX scim_groups_display_name_trgm ON scim_groups USING gin (lower(display_name) gin_trgm_ops);
CREATE INDEX scim_groups_external_id ON scim_groups (org_id, external_id);
CREATE INDEX scim_groups_created ON scim_groups (org_id, created, id);
CREATE INDEX scim_groups_last_modified ON scim_groups (org_id, last_modified);

-- A member is a user or a group of the same organisation (checked by the store, since a
-- foreign key cannot point at either of two tables).
CREATE TABLE scim_group_members (
    org_id      uuid NOT NULL,
    group_id    uuid NOT NULL,
    member_id   uuid NOT NULL,
    member_type text NOT NULL CHECK (member_type IN ('User', 'Group')),
    PRIMARY KEY (org_id, group_id, member_id),
    FOREIGN KEY (org_id, group_id) REFERENCES scim_groups (org_id, id) ON DELETE CASCADE
);
CREATE INDEX scim_group_members_member ON scim_group_members (org_id, member_id);

-- The groups a member belongs to, directly or through nested groups. UNION (not ALL)
-- keeps the recursion finite even if a cycle were ever stored.
CREATE FUNCTION scim_member_groups(p_org uuid, p_member uuid)
RETURNS TABLE (group_id uuid, direct boolean)
LANGUAGE sql STABLE AS $$
    WITH RECURSIVE up (group_id, direct) AS (
        SELECT m.group_id, true FROM scim_group_members m
        WHERE m.org_id = p_org AND m.member_id = p_member
        UNION
        SELECT m.group_id, false FROM scim_group_members m JOIN up ON m.member_id = up.group_id
        WHERE m.org_id = p_org
    )
    SELECT up.group_id, bool_or(up.direct) FROM up GROUP BY up.group_id
$$;

-- The members of a group, directly or through nested groups.
CREATE FUNCTION scim_group_descendants(p_org uuid, p_group uuid)
RETURNS TABLE (member_id uuid, member_type text)
LANGUAGE sql STABLE AS $$
    WITH RECURSIVE down (member_id, member_type) AS (
        SELECT m.member_id, m.member_type FROM scim_group_members m
        WHERE m.org_id = p_org AND m.group_id = p_group
        UNION
        SELECT m.member_id, m.member_type FROM scim_group_members m JOIN down ON m.group_id = down.member_id
        WHERE m.org_id = p_org AND down.member_type = 'Group'
    )
    SELECT down.member_id, down.member_type FROM down
$$;
