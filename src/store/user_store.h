// Users of one organisation in PostgreSQL: the product's mapped fields in indexed columns,
// the whole normalized resource in a JSONB column.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <json/value.h>

#include "store/db.h"
#include "store/resource_record.h"
#include "store/tenant.h"

namespace store {

using UserRecord = ResourceRecord;

struct UserWrite {
    Json::Value attributes;                     // normalized attributes
    std::optional<std::string> password_hash;  // nullopt: keep the stored one (PUT) or none (POST)
};

class UserStore {
public:
    explicit UserStore(Db& db) : db_(db) {}

    // REQUIRES: id is a new canonical UUID.
    // Throws StoreError(Uniqueness) when userName is taken in the organisation.
    UserRecord create(const Tenant& tenant, const std::string& id, const UserWrite& user);
    // REQUIRES: id is a canonical UUID. nullopt when absent in the tenant. with_groups: read
    // User.groups into groups_json in the same statement.
    std::optional<UserRecord> get(const Tenant& tenant, const std::string& id, bool with_groups = false);
    // The same, locking the row until the surrounding transaction ends.
    std::optional<UserRecord> get_for_update(const Tenant& tenant, const std::string& id);
    // Replaces the attributes; version and lastModified advance only when they changed.
    // REQUIRES: inside a Transaction that locked the row with get_for_update.
    UserRecord replace(const Tenant& tenant, const std::string& id, const UserWrite& user);
    // False when absent in the tenant.
    bool remove(const Tenant& tenant, const std::string& id);

private:
    std::optional<UserRecord> fetch(const Tenant& tenant, const std::string& id, bool lock, bool with_groups);

    Db& db_;
};

}  // namespace store
