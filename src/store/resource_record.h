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
};

// "alias.id::text, alias.attributes::text, created, lastModified, version" for SELECT/RETURNING.
// REQUIRES: alias is a table alias from this codebase.
std::string record_columns(const std::string& alias);

// REQUIRES: row was selected with record_columns().
ResourceRecord record_from_row(const soci::row& row);

class Db;
struct Tenant;

// The advisory-lock space (first key) of the tenant's lock on member additions: shared by
// GroupStore::lock_member_adds, exclusive in delete_by_id.
inline constexpr const char* kMemberAddsLockSpace = "7364207";

// Runs a delete statement binding :org and :id that returns the deleted id, then takes the
// deleted resource out of every group; false when nothing was deleted.
// REQUIRES: sql is a statement constant of a store; a transaction is open.
bool delete_by_id(Db& db, const std::string& sql, const Tenant& tenant, const std::string& id);

}  // namespace store
