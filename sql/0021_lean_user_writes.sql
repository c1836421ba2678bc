-- What a user's write costs PostgreSQL beyond the row itself (measured with pgbench on the
-- bench cluster, bench/README.md "Writes without the name trigrams and the org checks"):
--
-- The trigram indexes on name.givenName and name.familyName made every name change a non-HOT
-- update (a column of an index changed), so each such update wrote new entries into every
-- index of the table, the three trigram GINs most of all: 0.43 ms an update against 0.12 ms
-- without them. Filters on the names (`co`, `sw`, `ew`) read the organisation's rows instead,
-- bounded by the statement deadline (README: "Deadlines, and the filters that use an index").
-- userName keeps its trigram index: a userName changes rarely, and it is the attribute that
-- admins search by.
DROP INDEX scim_users_given_name_trgm;
DROP INDEX scim_users_family_name_trgm;

-- The foreign keys from the two tables every write inserts into cost each insert a locking
-- look-up of the organisation's row (about 60 µs each, and a shared row lock that all of an
-- organisation's concurrent writes take on one row). Their org_id is always the one of the
-- authenticated token, which names an existing organisation; what the ON DELETE CASCADE did
-- for an organisation deleted by hand, the trigger below does.
ALTER TABLE scim_users DROP CONSTRAINT scim_users_org_id_fkey;
ALTER TABLE audit_log DROP CONSTRAINT audit_log_org_id_fkey;

CREATE FUNCTION scim_organization_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM scim_users WHERE org_id = OLD.id;
    DELETE FROM scim_user_membership_clock WHERE org_id = OLD.id;
    DELETE FROM audit_log WHERE org_id = OLD.id;
    RETURN NULL;
END
$$;
CREATE TRIGGER scim_organization_deleted AFTER DELETE ON organizations
    FOR EACH ROW EXECUTE FUNCTION scim_organization_deleted();
