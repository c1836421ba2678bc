-- Exact totals without counting rows: an unfiltered list (or count=0) of an organisation
-- with a million users reads one row. Kept by statement-level triggers, so that a bulk
-- insert updates each organisation's counter once.
CREATE TABLE scim_resource_counts (
    org_id        uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    resource_type text NOT NULL,
    n             bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (org_id, resource_type)
);

INSERT INTO scim_resource_counts (org_id, resource_type, n)
SELECT org_id, 'User', count(*) FROM scim_users GROUP BY org_id;
INSERT INTO scim_resource_counts (org_id, resource_type, n)
SELECT org_id, 'Group', count(*) FROM scim_groups GROUP BY org_id;

CREATE FUNCTION scim_count_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO scim_resource_counts (org_id, resource_type, n)
    SELECT changed.org_id, TG_ARGV[0], count(*) FROM changed GROUP BY changed.org_id
    ON CONFLICT (org_id, resource_type) DO UPDATE SET n = scim_resource_counts.n + excluded.n;
    RETURN NULL;
END
$$;

CREATE FUNCTION scim_count_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE scim_resource_counts c SET n = c.n - d.n
    FROM (SELECT changed.org_id, count(*) AS n FROM changed GROUP BY changed.org_id) d
    WHERE c.org_id = d.org_id AND c.resource_type = TG_ARGV[0];
    RETURN NULL;
END
$$;

CREATE TRIGGER scim_users_counted_insert AFTER INSERT ON scim_users
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION scim_count_inserted('User');
CREATE TRIGGER scim_users_counted_delete AFTER DELETE ON scim_users
    REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION scim_count_deleted('User');
CREATE TRIGGER scim_groups_counted_insert AFTER INSERT ON scim_groups
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION scim_count_inserted('Group');
CREATE TRIGGER scim_groups_counted_delete AFTER DELETE ON scim_groups
    REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION scim_count_deleted('Group');
