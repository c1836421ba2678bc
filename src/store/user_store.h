// Users of one organisation in PostgreSQL: the product's mapped fields in indexed columns,
// the whole normalized resource in a JSONB column.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <json/value.h>

#include "scim/filter/ast.h"
#include "store/db.h"
#include "store/tenant.h"

namespace store {

struct UserRecord {
    std::string id;
    Json::Value attributes;  // normalized attributes, as scim::decode_resource produced them
    std::string created;
    std::string last_modified;
    long long version = 0;
};

struct UserWrite {
    Json::Value attributes;                     // normalized attributes
    std::optional<std::string> password_hash;  // nullopt: keep the stored one (PUT) or none (POST)
};

// A list request: the filter and sortBy are typed by the registry before they get here.
struct UserQuery {
    const scim::filter::Node* filter = nullptr;      // nullptr: every user
    const scim::filter::AttrPath* sort_by = nullptr;  // nullptr: creation order
    bool descending = false;
    long long offset = 0;  // 0-based
    long long limit = 0;   // 0: only the total
    std::string location_prefix;  // meta.location before the id, for filters on it
};

struct UserPage {
    long long total = 0;
    std::vector<UserRecord> users;
};

class UserStore {
public:
    explicit UserStore(Db& db) : db_(db) {}

    // Throws StoreError(Uniqueness) when userName is taken in the organisation.
    UserRecord create(const Tenant& tenant, const UserWrite& user);
    // REQUIRES: id is a canonical UUID. nullopt when absent in the tenant.
    std::optional<UserRecord> get(const Tenant& tenant, const std::string& id);
    // The same, locking the row until the surrounding transaction ends.
    std::optional<UserRecord> get_for_update(const Tenant& tenant, const std::string& id);
    // Replaces the attributes; version and lastModified advance only when they changed.
    // REQUIRES: inside a Transaction that locked the row with get_for_update.
    UserRecord replace(const Tenant& tenant, const std::string& id, const UserWrite& user);
    // False when absent in the tenant.
    bool remove(const Tenant& tenant, const std::string& id);
    // The users of the tenant that match the query, with the exact total.
    UserPage list(const Tenant& tenant, const UserQuery& query);

private:
    std::optional<UserRecord> fetch(const Tenant& tenant, const std::string& id, bool lock);

    Db& db_;
};

}  // namespace store
