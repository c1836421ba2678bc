#include "store/group_store.h"

#include "util/json_text.h"

namespace store {
namespace {

const std::string kColumns = record_columns("g");

const std::string kInsert =
    "WITH g AS (INSERT INTO scim_groups (org_id, id, display_name, external_id, attributes) "
    "SELECT :org, :id::uuid, n.attributes ->> 'displayName', n.attributes ->> 'externalId', n.attributes "
    "FROM (SELECT :attributes::jsonb AS attributes) n RETURNING *), " + count_cte("g", "Group", 1) +
    " SELECT " + kColumns + " FROM g";
const std::string kSelect = "SELECT " + kColumns + " FROM scim_groups g WHERE g.org_id = :org AND g.id = :id";
const std::string kClaimForUpdate = claim_for_update_sql("scim_groups", record_columns("scim_groups"));
const std::string kUpdate =
    "UPDATE scim_groups g SET display_name = n.attributes ->> 'displayName', "
    "external_id = n.attributes ->> 'externalId', "
    "version = g.version + CASE WHEN g.attributes = n.attributes AND NOT n.members_changed THEN 0 ELSE 1 END, "
    "last_modified = CASE WHEN g.attributes = n.attributes AND NOT n.members_changed THEN g.last_modified "
    "ELSE date_trunc('milliseconds', now()) END, attributes = n.attributes "
    "FROM (SELECT :attributes::jsonb AS attributes, :members_changed::int::boolean AS members_changed) n "
    "WHERE g.org_id = :org AND g.id = :id RETURNING " + kColumns;
const std::string kResolve =
    "WITH o AS (SELECT (:org)::uuid AS org_id, (:ids)::uuid[] AS ids) "
    "SELECT u.id::text, 'User' FROM scim_users u, o WHERE u.org_id = o.org_id AND u.id = ANY (o.ids) "
    "UNION ALL SELECT g.id::text, 'Group' FROM scim_groups g, o WHERE g.org_id = o.org_id AND g.id = ANY (o.ids)";
const std::string kWouldCycle =
    "WITH o AS (SELECT (:org)::uuid AS org_id, (:group)::uuid AS group_id, (:member)::uuid AS member_id) "
    "SELECT count(*) FROM o WHERE o.group_id = o.member_id OR EXISTS ("
    "SELECT 1 FROM scim_group_descendants(o.org_id, o.member_id) d WHERE d.member_id = o.group_id)";
// Two-key advisory lock: (namespace for nesting, the org's hash); a hash collision between two
// orgs only makes them wait for each other.
const std::string kLockMemberAdds =
    "SELECT pg_advisory_xact_lock_shared(" + std::string(kMemberAddsLockSpace) + ", hashtext(:org))";
const std::string kLockNesting = "SELECT pg_advisory_xact_lock(7364205, hashtext(:org))";
// A user's groups are part of the user (RFC 7643 §4.1.2), so a change to its direct
// memberships advances its version and lastModified too (ETags and `meta.lastModified gt`
// see it), through the narrow clock rows of sql/0015 rather than the wide user rows. The
// users named by `changed` (member_id, member_type) are upserted in id order, so two
// membership changes over the same users never wait on each other crosswise.
std::string touch_member_users(const std::string& changed) {
    return "touched AS (INSERT INTO scim_user_membership_clock AS k (org_id, user_id, changes, changed_at) "
           "SELECT (:org)::uuid, c.member_id, 1, date_trunc('milliseconds', now()) FROM " + changed +
           " c WHERE c.member_type = 'User' ORDER BY c.member_id "
           "ON CONFLICT (org_id, user_id) DO UPDATE SET changes = k.changes + 1, changed_at = excluded.changed_at)";
}

// delete_by_id then takes the group out of every group; its own member rows go by ON DELETE
// CASCADE, and its user members' versions advance.
const std::string kDelete =
    "WITH members AS (SELECT m.member_id, m.member_type FROM scim_group_members m "
    "WHERE m.org_id = (:org)::uuid AND m.group_id = (:id)::uuid), "
    "d AS (DELETE FROM scim_groups WHERE org_id = :org AND id = :id RETURNING org_id), " +
    count_cte("d", "Group", -1) + ", " + touch_member_users("members") + " SELECT count(*) FROM d";
// Members arrive as a JSON array of {id, type, display}: the display text needs no quoting rules.
const std::string kAddMembers =
    "WITH changed AS (INSERT INTO scim_group_members AS m (org_id, group_id, member_id, member_type, display) "
    "SELECT (:org)::uuid, (:group)::uuid, x.id, x.type, x.display "
    "FROM jsonb_to_recordset((:members)::jsonb) AS x(id uuid, type text, display text) "
    "ON CONFLICT (org_id, group_id, member_id) DO UPDATE SET display = excluded.display "
    "WHERE excluded.display IS NOT NULL AND m.display IS DISTINCT FROM excluded.display "
    "RETURNING m.member_id, m.member_type), " + touch_member_users("changed") + " SELECT count(*) FROM changed";
const std::string kRemoveMembers =
    "WITH changed AS (DELETE FROM scim_group_members m WHERE m.org_id = (:org)::uuid AND m.group_id = (:group)::uuid "
    "AND m.member_id = ANY ((:ids)::uuid[]) RETURNING m.member_id, m.member_type), " + touch_member_users("changed") +
    " SELECT count(*) FROM changed";
const std::string kRetainMembers =
    "WITH changed AS (DELETE FROM scim_group_members m WHERE m.org_id = (:org)::uuid AND m.group_id = (:group)::uuid "
    "AND m.member_id <> ALL ((:ids)::uuid[]) RETURNING m.member_id, m.member_type), " + touch_member_users("changed") +
    " SELECT count(*) FROM changed";
const std::string kRemoveAllMembers =
    "WITH changed AS (DELETE FROM scim_group_members m WHERE m.org_id = (:org)::uuid AND m.group_id = (:group)::uuid "
    "RETURNING m.member_id, m.member_type), " + touch_member_users("changed") + " SELECT count(*) FROM changed";
const std::string kMembers =
    "SELECT m.member_id::text, m.member_type, "
    "coalesce(m.display, mu.attributes ->> 'displayName', mu.user_name, mg.display_name, '') "
    "FROM scim_group_members m "
    "LEFT JOIN scim_users mu ON m.member_type = 'User' AND mu.org_id = m.org_id AND mu.id = m.member_id "
    "LEFT JOIN scim_groups mg ON m.member_type = 'Group' AND mg.org_id = m.org_id AND mg.id = m.member_id "
    "WHERE m.org_id = :org AND m.group_id = :group ORDER BY m.member_id";
}  // namespace

std::string uuid_array(const std::vector<std::string>& ids) {
    std::string out = "{";
    for (std::size_t i = 0; i < ids.size(); ++i) out += (i ? "," : "") + ids[i];
    return out + "}";
}

ResourceRecord GroupStore::create(const Tenant& tenant, const std::string& id, const Json::Value& attributes) {
    std::string text = util::to_json_text(attributes);
    ResourceRecord record;
    db_.query(kInsert, {{"org", tenant.org_id}, {"id", id}, {"attributes", text}},
              [&](const soci::row& row) { record = record_from_row(row); });
    return record;
}

std::optional<ResourceRecord> GroupStore::get(const Tenant& tenant, const std::string& id) {
    std::optional<ResourceRecord> found;
    db_.query(kSelect, {{"org", tenant.org_id}, {"id", id}}, [&](const soci::row& row) { found = record_from_row(row); });
    return found;
}

LockedRecord GroupStore::claim_for_update(const Tenant& tenant, const WriteClaim& claim) {
    return store::claim_for_update(db_, kClaimForUpdate, tenant, claim);
}

ResourceRecord GroupStore::replace(const Tenant& tenant, const std::string& id, const Json::Value& attributes,
                                   bool members_changed) {
    std::string text = util::to_json_text(attributes);
    ResourceRecord record;
    db_.query(kUpdate,
              {{"attributes", text}, {"members_changed", members_changed ? "1" : "0"}, {"org", tenant.org_id}, {"id", id}},
              [&](const soci::row& row) { record = record_from_row(row); });
    return record;
}

bool GroupStore::remove(const Tenant& tenant, const std::string& id) { return delete_by_id(db_, kDelete, tenant, id); }

std::vector<MemberRef> GroupStore::resolve_members(const Tenant& tenant, const std::vector<std::string>& ids) {
    std::vector<MemberRef> found;
    db_.query(kResolve, {{"org", tenant.org_id}, {"ids", uuid_array(ids)}}, [&](const soci::row& row) {
        found.push_back({row.get<std::string>(0), row.get<std::string>(1), std::nullopt});
    });
    return found;
}

void GroupStore::lock_member_adds(const Tenant& tenant) { db_.execute(kLockMemberAdds, {{"org", tenant.org_id}}); }

void GroupStore::lock_nesting(const Tenant& tenant) { db_.execute(kLockNesting, {{"org", tenant.org_id}}); }

bool GroupStore::would_cycle(const Tenant& tenant, const std::string& group_id, const std::string& member_group_id) {
    long long hits = 0;
    db_.query(kWouldCycle, {{"org", tenant.org_id}, {"group", group_id}, {"member", member_group_id}},
              [&](const soci::row& row) { hits = row.get<long long>(0); });
    return hits > 0;
}

long long GroupStore::add_members(const Tenant& tenant, const std::string& group_id,
                                  const std::vector<MemberRef>& members) {
    if (members.empty()) return 0;
    Json::Value rows(Json::arrayValue);
    for (const auto& member : members) {
        Json::Value row(Json::objectValue);
        row["id"] = member.id;
        row["type"] = member.type;
        if (member.display) row["display"] = *member.display;
        rows.append(std::move(row));
    }
    return changed_rows(kAddMembers, {{"org", tenant.org_id}, {"group", group_id}, {"members", util::to_json_text(rows)}});
}

long long GroupStore::remove_members(const Tenant& tenant, const std::string& group_id,
                                     const std::vector<std::string>& ids) {
    if (ids.empty()) return 0;
    return changed_rows(kRemoveMembers, {{"org", tenant.org_id}, {"group", group_id}, {"ids", uuid_array(ids)}});
}

long long GroupStore::retain_members(const Tenant& tenant, const std::string& group_id,
                                     const std::vector<std::string>& ids) {
    return changed_rows(kRetainMembers, {{"org", tenant.org_id}, {"group", group_id}, {"ids", uuid_array(ids)}});
}

long long GroupStore::remove_all_members(const Tenant& tenant, const std::string& group_id) {
    return changed_rows(kRemoveAllMembers, {{"org", tenant.org_id}, {"group", group_id}});
}

long long GroupStore::changed_rows(const std::string& sql, const Params& params) {
    long long changed = 0;
    db_.query(sql, params, [&](const soci::row& row) { changed = row.get<long long>(0); });
    return changed;
}

void GroupStore::for_each_member(const Tenant& tenant, const std::string& group_id,
                                 const std::function<void(const MemberRow&)>& visit) {
    MemberRow member;
    db_.query(kMembers, {{"org", tenant.org_id}, {"group", group_id}}, [&](const soci::row& row) {
        member.id = row.get<std::string>(0);
        member.type = row.get<std::string>(1);
        member.display = row.get<std::string>(2);
        visit(member);
    });
}

}  // namespace store
