#include "store/group_store.h"

#include "util/json_text.h"

namespace store {
namespace {

const std::string kColumns = record_columns("g");

const std::string kInsert =
    "INSERT INTO scim_groups AS g (org_id, display_name, external_id, attributes) "
    "SELECT :org, n.attributes ->> 'displayName', n.attributes ->> 'externalId', n.attributes "
    "FROM (SELECT :attributes::jsonb AS attributes) n RETURNING " + kColumns;
const std::string kSelect = "SELECT " + kColumns + " FROM scim_groups g WHERE g.org_id = :org AND g.id = :id";
const std::string kSelectForUpdate = kSelect + " FOR NO KEY UPDATE";
const std::string kUpdate =
    "UPDATE scim_groups g SET display_name = n.attributes ->> 'displayName', "
    "external_id = n.attributes ->> 'externalId', "
    "version = g.version + CASE WHEN g.attributes = n.attributes AND NOT n.members_changed THEN 0 ELSE 1 END, "
    "last_modified = CASE WHEN g.attributes = n.attributes AND NOT n.members_changed THEN g.last_modified "
    "ELSE date_trunc('milliseconds', now()) END, attributes = n.attributes "
    "FROM (SELECT :attributes::jsonb AS attributes, :members_changed::int::boolean AS members_changed) n "
    "WHERE g.org_id = :org AND g.id = :id RETURNING " + kColumns;
// delete_by_id then takes it out of every group; its own member rows go by ON DELETE CASCADE.
const std::string kDelete = "DELETE FROM scim_groups WHERE org_id = :org AND id = :id RETURNING id::text";
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
const std::string kAddMembers =
    "INSERT INTO scim_group_members (org_id, group_id, member_id, member_type) "
    "SELECT o.org_id, o.group_id, x.id, x.type FROM (SELECT (:org)::uuid AS org_id, (:group)::uuid AS group_id) o, "
    "unnest((:ids)::uuid[], (:types)::text[]) AS x(id, type) ON CONFLICT DO NOTHING";
const std::string kRemoveMembers =
    "DELETE FROM scim_group_members m USING (SELECT (:org)::uuid AS org_id, (:group)::uuid AS group_id, "
    "(:ids)::uuid[] AS ids) o WHERE m.org_id = o.org_id AND m.group_id = o.group_id AND m.member_id = ANY (o.ids)";
const std::string kRetainMembers =
    "DELETE FROM scim_group_members m USING (SELECT (:org)::uuid AS org_id, (:group)::uuid AS group_id, "
    "(:ids)::uuid[] AS ids) o WHERE m.org_id = o.org_id AND m.group_id = o.group_id AND m.member_id <> ALL (o.ids)";
const std::string kRemoveAllMembers = "DELETE FROM scim_group_members WHERE org_id = :org AND group_id = :group";
const std::string kMembers =
    "SELECT m.member_id::text, m.member_type, coalesce(mu.attributes ->> 'displayName', mu.user_name, mg.display_name, '') "
    "FROM scim_group_members m "
    "LEFT JOIN scim_users mu ON m.member_type = 'User' AND mu.org_id = m.org_id AND mu.id = m.member_id "
    "LEFT JOIN scim_groups mg ON m.member_type = 'Group' AND mg.org_id = m.org_id AND mg.id = m.member_id "
    "WHERE m.org_id = :org AND m.group_id = :group ORDER BY m.member_id";
// Direct and indirect groups of several members in one recursive query (a page of users
// costs one round trip and one index probe per membership, not one function call per user).
const std::string kGroupsOf =
    "WITH RECURSIVE o AS (SELECT (:org)::uuid AS org_id, (:members)::uuid[] AS members), "
    "up (member_id, group_id, direct) AS ("
    " SELECT m.member_id, m.group_id, true FROM scim_group_members m, o"
    " WHERE m.org_id = o.org_id AND m.member_id = ANY (o.members)"
    " UNION"
    " SELECT up.member_id, m.group_id, false FROM up JOIN scim_group_members m ON m.member_id = up.group_id"
    " JOIN o ON m.org_id = o.org_id) "
    "SELECT a.member_id::text, a.group_id::text, g.display_name, CASE WHEN a.direct THEN 1 ELSE 0 END "
    "FROM (SELECT up.member_id, up.group_id, bool_or(up.direct) AS direct FROM up GROUP BY up.member_id, up.group_id) a "
    "JOIN o ON true JOIN scim_groups g ON g.org_id = o.org_id AND g.id = a.group_id "
    "ORDER BY a.member_id, g.display_name, a.group_id";

long long affected(soci::statement& statement) { return statement.get_affected_rows(); }

}  // namespace

std::string uuid_array(const std::vector<std::string>& ids) {
    std::string out = "{";
    for (std::size_t i = 0; i < ids.size(); ++i) out += (i ? "," : "") + ids[i];
    return out + "}";
}

ResourceRecord GroupStore::create(const Tenant& tenant, const Json::Value& attributes) {
    std::string text = util::to_json_text(attributes);
    return db_.run([&] {
        soci::row row;
        db_.session() << kInsert, soci::use(tenant.org_id, "org"), soci::use(text, "attributes"), soci::into(row);
        return record_from_row(row);
    });
}

std::optional<ResourceRecord> GroupStore::fetch(const Tenant& tenant, const std::string& id, bool lock) {
    return db_.run([&]() -> std::optional<ResourceRecord> {
        soci::row row;
        db_.session() << (lock ? kSelectForUpdate : kSelect), soci::use(tenant.org_id, "org"), soci::use(id, "id"),
            soci::into(row);
        if (!db_.session().got_data()) return std::nullopt;
        return record_from_row(row);
    });
}

std::optional<ResourceRecord> GroupStore::get(const Tenant& tenant, const std::string& id) { return fetch(tenant, id, false); }

std::optional<ResourceRecord> GroupStore::get_for_update(const Tenant& tenant, const std::string& id) {
    return fetch(tenant, id, true);
}

ResourceRecord GroupStore::replace(const Tenant& tenant, const std::string& id, const Json::Value& attributes,
                                   bool members_changed) {
    std::string text = util::to_json_text(attributes);
    int changed = members_changed ? 1 : 0;
    return db_.run([&] {
        soci::row row;
        db_.session() << kUpdate, soci::use(text, "attributes"), soci::use(changed, "members_changed"),
            soci::use(tenant.org_id, "org"), soci::use(id, "id"), soci::into(row);
        return record_from_row(row);
    });
}

bool GroupStore::remove(const Tenant& tenant, const std::string& id) { return delete_by_id(db_, kDelete, tenant, id); }

std::vector<MemberRef> GroupStore::resolve_members(const Tenant& tenant, const std::vector<std::string>& ids) {
    std::string array = uuid_array(ids);
    return db_.run([&] {
        std::vector<MemberRef> found;
        soci::rowset<soci::row> rows = (db_.session().prepare << kResolve, soci::use(tenant.org_id, "org"),
                                        soci::use(array, "ids"));
        for (const auto& row : rows) found.push_back({row.get<std::string>(0), row.get<std::string>(1)});
        return found;
    });
}

void GroupStore::lock_member_adds(const Tenant& tenant) {
    db_.run([&] { db_.session() << kLockMemberAdds, soci::use(tenant.org_id, "org"); });
}

void GroupStore::lock_nesting(const Tenant& tenant) {
    db_.run([&] { db_.session() << kLockNesting, soci::use(tenant.org_id, "org"); });
}

bool GroupStore::would_cycle(const Tenant& tenant, const std::string& group_id, const std::string& member_group_id) {
    return db_.run([&] {
        long long hits = 0;
        db_.session() << kWouldCycle, soci::use(tenant.org_id, "org"), soci::use(group_id, "group"),
            soci::use(member_group_id, "member"), soci::into(hits);
        return hits > 0;
    });
}

long long GroupStore::add_members(const Tenant& tenant, const std::string& group_id,
                                  const std::vector<MemberRef>& members) {
    if (members.empty()) return 0;
    std::vector<std::string> ids, types;
    for (const auto& member : members) {
        ids.push_back(member.id);
        types.push_back(member.type);  // "User" or "Group": no quoting needed in the array literal
    }
    std::string id_array = uuid_array(ids);
    std::string type_array = uuid_array(types);
    return db_.run([&] {
        soci::statement statement = (db_.session().prepare << kAddMembers, soci::use(tenant.org_id, "org"),
                                     soci::use(group_id, "group"), soci::use(id_array, "ids"),
                                     soci::use(type_array, "types"));
        statement.execute(true);
        return affected(statement);
    });
}

long long GroupStore::remove_members(const Tenant& tenant, const std::string& group_id,
                                     const std::vector<std::string>& ids) {
    if (ids.empty()) return 0;
    std::string array = uuid_array(ids);
    return db_.run([&] {
        soci::statement statement = (db_.session().prepare << kRemoveMembers, soci::use(tenant.org_id, "org"),
                                     soci::use(group_id, "group"), soci::use(array, "ids"));
        statement.execute(true);
        return affected(statement);
    });
}

long long GroupStore::retain_members(const Tenant& tenant, const std::string& group_id,
                                     const std::vector<std::string>& ids) {
    std::string array = uuid_array(ids);
    return db_.run([&] {
        soci::statement statement = (db_.session().prepare << kRetainMembers, soci::use(tenant.org_id, "org"),
                                     soci::use(group_id, "group"), soci::use(array, "ids"));
        statement.execute(true);
        return affected(statement);
    });
}

long long GroupStore::remove_all_members(const Tenant& tenant, const std::string& group_id) {
    return db_.run([&] {
        soci::statement statement =
            (db_.session().prepare << kRemoveAllMembers, soci::use(tenant.org_id, "org"), soci::use(group_id, "group"));
        statement.execute(true);
        return affected(statement);
    });
}

void GroupStore::for_each_member(const Tenant& tenant, const std::string& group_id,
                                 const std::function<void(const MemberRow&)>& visit) {
    db_.run([&] {
        soci::rowset<soci::row> rows =
            (db_.session().prepare << kMembers, soci::use(tenant.org_id, "org"), soci::use(group_id, "group"));
        MemberRow member;
        for (const auto& row : rows) {
            member.id = row.get<std::string>(0);
            member.type = row.get<std::string>(1);
            member.display = row.get<std::string>(2);
            visit(member);
        }
    });
}

std::vector<GroupMembership> GroupStore::groups_of(const Tenant& tenant, const std::string& member_id) {
    auto found = groups_of(tenant, std::vector<std::string>{member_id});
    return found[member_id];
}

std::map<std::string, std::vector<GroupMembership>> GroupStore::groups_of(const Tenant& tenant,
                                                                          const std::vector<std::string>& member_ids) {
    std::string array = uuid_array(member_ids);
    return db_.run([&] {
        std::map<std::string, std::vector<GroupMembership>> groups;
        soci::rowset<soci::row> rows =
            (db_.session().prepare << kGroupsOf, soci::use(tenant.org_id, "org"), soci::use(array, "members"));
        for (const auto& row : rows) {
            groups[row.get<std::string>(0)].push_back(
                {row.get<std::string>(1), row.get<std::string>(2), row.get<int>(3) == 1});
        }
        return groups;
    });
}

}  // namespace store
