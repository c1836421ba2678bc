-- GIN indexes without the pending list ("fastupdate"): with it, every new or updated row's
-- entries wait in an unsorted list that each search reads whole until VACUUM merges it; after
-- a few thousand writes an `emails.value eq` lookup read some 140 pages instead of a handful.
-- Writes now update these indexes directly, and searches cost the same however busy the
-- table has been.
ALTER INDEX scim_users_email_values SET (fastupdate = off);
ALTER INDEX scim_users_user_name_trgm SET (fastupdate = off);
ALTER INDEX scim_users_family_name_trgm SET (fastupdate = off);
ALTER INDEX scim_users_given_name_trgm SET (fastupdate = off);
ALTER INDEX scim_groups_display_name_trgm SET (fastupdate = off);
-- Merge what is pending already.
SELECT gin_clean_pending_list(index_name::regclass)
FROM (VALUES ('scim_users_email_values'), ('scim_users_user_name_trgm'), ('scim_users_family_name_trgm'),
             ('scim_users_given_name_trgm'), ('scim_groups_display_name_trgm')) AS i (index_name);
