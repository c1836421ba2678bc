-- Every change to a user moves last_modified. With last_modified indexed no update of a user
-- could be HOT: each one wrote a new entry into all twelve indexes of scim_users. Without the
-- index, and with room left on each page for the new row version, an update that changes no
-- other indexed column (active, the password, most of the JSONB) can stay on its page and
-- touch no index. A user's meta.lastModified is read together with its membership clock
-- (sql/0015), which an index on the column could not serve anyway; a filter on it reads the
-- organisation's rows (README: "Deadlines, and the filters that use an index").
DROP INDEX scim_users_last_modified;
ALTER TABLE scim_users SET (fillfactor = 90);
