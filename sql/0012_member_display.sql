-- The display text a client sent with a member ({"value": id, "display": "..."}, or
-- Microsoft's "displayName"), returned as the member's "display" in place of the one read
-- from the member resource, so that a client finds its own text back. NULL: none was sent.
ALTER TABLE scim_group_members ADD COLUMN display text;
