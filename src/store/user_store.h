// Users of one organisation in PostgreSQL: the product's mapped fields in indexed columns,
// the whole normalized resource in a JSONB column.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <json/value.h>

#include "store/audit_store.h"
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
    // groups_base: the absolute URL of the organisation's /Groups/, for the $ref of the
    // User.groups that reads and replaces return ("": they return none).
    explicit UserStore(Db& db, std::string groups_base = "") : db_(db), groups_base_(std::move(groups_base)) {}

    // Creates the user claim.resource_id (a new canonical UUID) in one statement with the
    // request's claim (audit_store.h), outside any transaction; nullopt when an earlier
    // attempt of the request committed (nothing written).
    // Throws StoreError(Uniqueness) when userName is taken in the organisation.
    std::optional<UserRecord> create(const Tenant& tenant, const WriteClaim& claim, const UserWrite& user);
    // REQUIRES: id is a canonical UUID. nullopt when absent in the tenant. with_groups: read
    // User.groups into groups_json in the same statement (REQUIRES a groups_base).
    std::optional<UserRecord> get(const Tenant& tenant, const std::string& id, bool with_groups = false);
    // Claims the request (audit_store.h) and locks the user claim.resource_id until the
    // surrounding transaction ends, in one statement.
    // REQUIRES: inside a Transaction; claim.resource_id is a canonical UUID.
    LockedRecord claim_for_update(const Tenant& tenant, const WriteClaim& claim);
    // Replaces the attributes; version and lastModified advance only when they changed. The
    // record returned has User.groups when the store has a groups_base and with_groups.
    // REQUIRES: inside a Transaction that locked the row with claim_for_update.
    UserRecord replace(const Tenant& tenant, const std::string& id, const UserWrite& user, bool with_groups = true);
    // The read of get(tenant, id, true) as parts of another statement: its columns (after
    // which record_from_row reads the record) and its FROM items, which follow a FROM item
    // that `org_expr` (SQL of this codebase) takes the organisation from, and bind :id
    // (a canonical UUID) and :groups_base.
    static std::string read_columns();
    static std::string lateral_read(const std::string& org_expr);
    // False when absent in the tenant.
    bool remove(const Tenant& tenant, const std::string& id);

private:
    Db& db_;
    std::string groups_base_;
};

}  // namespace store
