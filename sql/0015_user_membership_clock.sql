-- A user's groups are part of the user (RFC 7643 §4.1.2), so its version and lastModified
-- move when its direct memberships change. Written into the user rows, that cost a PATCH
-- adding 50,000 members some 6 s of updates to wide rows with twelve indexes; here each
-- change is an upsert of one narrow row with one index, and a user's version and
-- lastModified are read as its row's plus this clock (store/resource_record.cpp).
CREATE TABLE scim_user_membership_clock (
    org_id     uuid NOT NULL,
    user_id    uuid NOT NULL,
    changes    bigint NOT NULL,       -- membership changes so far, added to the user's version
    changed_at timestamptz NOT NULL,  -- the last one, the user's lastModified when later
    PRIMARY KEY (org_id, user_id)
) WITH (fillfactor = 70);  -- room on each page, so that an upsert stays HOT
