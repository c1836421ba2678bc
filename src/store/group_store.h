// Groups of one organisation: the group row (displayName and externalId in indexed
// columns, the rest in JSONB) and its members, one row each in scim_group_members, so that
// membership changes touch only the rows they name.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <json/value.h>

#include "store/audit_store.h"
#include "store/db.h"
#include "store/resource_record.h"
#include "store/tenant.h"

namespace store {

struct MemberRef {
    std::string id;    // canonical UUID
    std::string type;  // "User" or "Group"
    std::optional<std::string> display;  // the text the client sent with the member, if any
};

struct MemberRow {
    std::string id;
    std::string type;
    std::string display;  // the text sent with the member, else the user's displayName (else userName) or the group's displayName
};

class GroupStore {
public:
    explicit GroupStore(Db& db) : db_(db) {}

    // REQUIRES: id is a new canonical UUID; attributes are normalized Group attributes
    // without "members".
    ResourceRecord create(const Tenant& tenant, const std::string& id, const Json::Value& attributes);
    std::optional<ResourceRecord> get(const Tenant& tenant, const std::string& id);
    // Claims the request (audit_store.h) and locks the group claim.resource_id until the
    // surrounding transaction ends, in one statement.
    // REQUIRES: inside a Transaction; claim.resource_id is a canonical UUID.
    LockedRecord claim_for_update(const Tenant& tenant, const WriteClaim& claim);
    // Stores the attributes; version and lastModified advance when they changed or when
    // members_changed. REQUIRES: inside a Transaction that locked the row (claim_for_update).
    ResourceRecord replace(const Tenant& tenant, const std::string& id, const Json::Value& attributes,
                           bool members_changed);
    // Deletes the group, its member rows and its own memberships in other groups.
    bool remove(const Tenant& tenant, const std::string& id);

    // The ids (canonical UUIDs) that name users or groups of the tenant, with their types.
    std::vector<MemberRef> resolve_members(const Tenant& tenant, const std::vector<std::string>& ids);
    // Holds, until the transaction ends, the tenant's lock on member additions in shared mode.
    // Deleting a user or group takes it exclusively before removing the deleted resource from
    // every group (delete_by_id), so it waits for additions that may have found the resource
    // still there, and additions that start later wait for the delete and then find it gone:
    // no group keeps a member that no longer exists. Taken before resolve_members.
    void lock_member_adds(const Tenant& tenant);
    // Holds, until the transaction ends, the tenant's lock on group nesting: two transactions
    // that each nest a group inside the other would otherwise both pass would_cycle (neither
    // sees the other's uncommitted row) and store a cycle. Taken before would_cycle.
    void lock_nesting(const Tenant& tenant);
    // True when making `member_group_id` a member of `group_id` would close a cycle.
    bool would_cycle(const Tenant& tenant, const std::string& group_id, const std::string& member_group_id);
    // Each returns how many member rows it changed (a display text changed counts); the user
    // members concerned get a new version and lastModified.
    long long add_members(const Tenant& tenant, const std::string& group_id, const std::vector<MemberRef>& members);
    long long remove_members(const Tenant& tenant, const std::string& group_id, const std::vector<std::string>& ids);
    long long remove_all_members(const Tenant& tenant, const std::string& group_id);
    // Removes every member whose id is not in `ids`.
    long long retain_members(const Tenant& tenant, const std::string& group_id, const std::vector<std::string>& ids);
    // Streams the members in id order without collecting them.
    void for_each_member(const Tenant& tenant, const std::string& group_id,
                         const std::function<void(const MemberRow&)>& visit);
private:
    long long changed_rows(const std::string& sql, const Params& params);
    Db& db_;
};

// "{a,b,c}": a PostgreSQL array literal bound as one parameter.
// REQUIRES: every element is a canonical UUID (so no quoting is needed).
std::string uuid_array(const std::vector<std::string>& ids);

}  // namespace store
