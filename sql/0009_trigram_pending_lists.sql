-- The trigram indexes (co/ew/sw on userName and the name parts, displayName) take every
-- new or changed row's trigrams, some 50 entries a user: inserted one by one, they were most
-- of the work and of the WAL of each write (69 WAL records per user insert). They get a short
-- pending list back: a write appends its entries to it, and the write that fills it merges
-- it into the index in one sorted pass. The limit (128 kB) bounds what a search reads on
-- top of the index. The `emails.value` index stays without one (sql/0007): it takes one or
-- two entries per write, and its equality lookups are the ones IdPs make all day.
ALTER INDEX scim_users_user_name_trgm SET (fastupdate = on, gin_pending_list_limit = 128);
ALTER INDEX scim_users_family_name_trgm SET (fastupdate = on, gin_pending_list_limit = 128);
ALTER INDEX scim_users_given_name_trgm SET (fastupdate = on, gin_pending_list_limit = 128);
ALTER INDEX scim_groups_display_name_trgm SET (fastupdate = on, gin_pending_list_limit = 128);
