// A stored resource as the stores return it: id, normalized attributes, times and version,
// plus the one SQL column list and row decoding that every resource table shares.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <json/value.h>
#include <soci/soci.h>

namespace store {

struct ResourceRecord {
    std::string id;
    // The normalized attributes (as scim::decode_resource produced them) as PostgreSQL wrote
    // them out: a JSON object's text, rendered as it is where no projection applies.
    std::string attributes_json;
    // The extension schema URNs among its top-level keys, separated by spaces.
    std::string extensions;
    std::string created;
    std::string last_modified;
    long long version = 0;
    // User.groups as the store read them with the record when asked for: the JSON text of
    // the attribute's array (RFC 7643 §4.1.2), or "" for none or not asked for.
    std::string groups_json;

    // The attributes, parsed on first use. Throws StoreError when the stored text is not JSON.
    const Json::Value& attributes() const;

private:
    mutable std::optional<Json::Value> parsed_;
};

// "alias.id::text, alias.attributes::text, extensions, created, lastModified, version" for
// SELECT/RETURNING. `extensions` lists the extension URNs the stored attributes hold data
// for (the codec keeps extension data under its URN, and only there are keys URNs), so it
// needs no registry: the same text serves every organisation's extension schemas.
// With membership_clock (users), version and lastModified include the user's membership
// changes (user_version_sql, user_last_modified_sql).
// clock_joined: the statement joins the clock (membership_clock_join) instead, one probe per
// row where the two subqueries make two.
// REQUIRES: alias is a table alias from this codebase.
std::string record_columns(const std::string& alias, bool membership_clock = false, bool clock_joined = false);
// The join that record_columns(alias, true, true) reads the membership clock from, to follow
// the FROM item `alias`.
std::string membership_clock_join(const std::string& alias);

// A user's version and lastModified as SQL: its row's, moved on by each change to its direct
// group memberships (sql/0015, kept by the group store's membership statements).
std::string user_version_sql(const std::string& alias);
std::string user_last_modified_sql(const std::string& alias);

// The space-separated URN keys of alias.attributes, as SQL: the extensions a row has data for
// (stored with each write: sql/0022).
std::string extension_keys(const std::string& alias);

// REQUIRES: row was selected with record_columns(), optionally followed by one column of
// memberships_json().
// first: the column the record's columns start at (0 unless other columns come before them).
ResourceRecord record_from_row(const soci::row& row, std::size_t first = 0);

// The groups (direct and through nested groups) of the user row `alias` as
// ResourceRecord::groups_json expects them, NULL when it is in none; each $ref is the bound
// :groups_base followed by the group's id. A user in no group costs one index probe: the
// recursive part (sql/0010) runs only for members.
// REQUIRES: alias is a scim_users alias from this codebase.
std::string memberships_json(const std::string& alias);

class Db;
struct Tenant;
struct WriteClaim;

// A resource's row locked for a write (claim_for_update).
struct LockedRecord {
    std::optional<ResourceRecord> record;  // nullopt: no such resource in the tenant
    bool claimed = false;                  // false: an earlier attempt of the request committed
};

// The statement that claims a write's request (audit_store.h) and locks the row of `table`
// whose record columns are `columns` (record_columns over the table's name), in one round
// trip: always one row, the resource's columns NULL when it does not exist. NO KEY: the id
// never changes, so a concurrent membership add (FOR KEY SHARE) need not wait.
// REQUIRES: table and columns come from this codebase.
std::string claim_for_update_sql(const std::string& table, const std::string& columns);

// Runs a claim_for_update_sql statement for claim.resource_id.
// REQUIRES: inside a Transaction; claim.resource_id is a canonical UUID.
LockedRecord claim_for_update(Db& db, const std::string& sql, const Tenant& tenant, const WriteClaim& claim);

// The one order in which a write takes its locks, so that no two writes wait on each other
// crosswise (a deadlock, which PostgreSQL breaks after deadlock_timeout by rolling one back):
//   1. the row of the resource written (claim_for_update; a create has none),
//   2. the tenant's lock on member additions (shared: GroupStore::lock_member_adds before any
//      member is resolved; exclusive: delete_by_id before its DELETE),
//   3. one counter slot of the tenant (count_cte, in the statement that inserts or deletes),
//   4. the membership clock rows of the users concerned, in user id order (group_store.cpp),
//   5. membership rows.
// A write skips what it does not need, never goes back up the list.
// tests/integration/races_test.cpp runs creates with members against deletes.
//
// The advisory-lock space (first key) of the tenant's lock on member additions: shared by
// GroupStore::lock_member_adds, exclusive in delete_by_id.
inline constexpr const char* kMemberAddsLockSpace = "7364207";

// "counted AS (...)": adds (sign 1) or takes away (sign -1) the rows of `written`, a CTE of
// inserted or deleted rows of resource_type with their org_id, to the organisation's count,
// in the slot of this database session (sql/0008). Every statement that inserts or deletes
// users or groups has one: the counts are kept by the writes (sql/0011).
// REQUIRES: written and resource_type come from this codebase.
std::string count_cte(const std::string& written, const std::string& resource_type, int sign);

// Runs a delete statement binding :org and :id and returning the number of rows it deleted
// (a count_cte keeps the organisation's count), then takes the
// deleted resource out of every group; false when nothing was deleted.
// REQUIRES: sql is a statement constant of a store; a transaction is open.
bool delete_by_id(Db& db, const std::string& sql, const Tenant& tenant, const std::string& id);

}  // namespace store
