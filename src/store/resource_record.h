// A stored resource as the stores return it: id, normalized attributes, times and version,
// plus the one SQL column list and row decoding that every resource table shares.
#pragma once

#include <string>

#include <json/value.h>
#include <soci/soci.h>

namespace store {

struct ResourceRecord {
    std::string id;
    Json::Value attributes;  // normalized attributes, as scim::decode_resource produced them
    std::string created;
    std::string last_modified;
    long long version = 0;
    // User.groups as the store read them with the record when asked for: a JSON array of
    // [group id, displayName, direct] (direct: true, else through nested groups), or "" for
    // none or not asked for.
    std::string groups_json;
};

// "alias.id::text, alias.attributes::text, created, lastModified, version" for SELECT/RETURNING.
// REQUIRES: alias is a table alias from this codebase.
std::string record_columns(const std::string& alias);

// REQUIRES: row was selected with record_columns(), optionally followed by one column of
// memberships_json().
ResourceRecord record_from_row(const soci::row& row);

// The groups (direct and through nested groups) of the user row `alias` as
// ResourceRecord::groups_json expects them, NULL when it is in none. A user in no group
// costs one index probe: the recursive part runs only for members.
// REQUIRES: alias is a scim_users alias from this codebase.
std::string memberships_json(const std::string& alias);

class Db;
struct Tenant;

// The advisory-lock space (first key) of the tenant's lock on member additions: shared by
// GroupStore::lock_member_adds, exclusive in delete_by_id.
inline constexpr const char* kMemberAddsLockSpace = "7364207";

// Runs a delete statement binding :org and :id, then takes the
// deleted resource out of every group; false when nothing was deleted.
// REQUIRES: sql is a statement constant of a store; a transaction is open.
bool delete_by_id(Db& db, const std::string& sql, const Tenant& tenant, const std::string& id);

}  // namespace store
