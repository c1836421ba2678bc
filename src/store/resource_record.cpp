#include "store/resource_record.h"

#include "store/audit_store.h"
#include "store/column_map.h"
#include "store/db.h"
#include "store/sql_time.h"
#include "store/tenant.h"
#include "store/store_error.h"
#include "util/json_text.h"

namespace store {

std::string extension_keys(const std::string& alias) { return alias + ".extension_urns::text"; }

namespace {

// The stored JSON array of URNs (sql/0022) as ResourceRecord::extensions lists them.
std::string space_separated(const std::string& urns_json) {
    if (urns_json == "[]") return "";
    Json::Value urns;
    if (!util::from_json_text(urns_json, urns) || !urns.isArray()) {
        throw StoreError(StoreError::Kind::Other, "stored extension URNs are not a JSON array");
    }
    std::string out;
    for (const auto& urn : urns) {
        if (!out.empty()) out += ' ';
        out += urn.asString();
    }
    return out;
}

}  // namespace

std::string user_version_sql(const std::string& a) {
    return "(" + a + ".version + coalesce((SELECT k.changes FROM scim_user_membership_clock k WHERE k.org_id = " + a +
           ".org_id AND k.user_id = " + a + ".id), 0))";
}

std::string user_last_modified_sql(const std::string& a) {
    // greatest() skips the NULL of a user whose memberships never changed.
    return "greatest(" + a + ".last_modified, (SELECT k.changed_at FROM scim_user_membership_clock k WHERE k.org_id = " +
           a + ".org_id AND k.user_id = " + a + ".id))";
}

std::string membership_clock_join(const std::string& a) {
    // LATERAL with OFFSET 0: one probe of the clock's primary key per row, never a hash of the
    // whole clock table (which a plain LEFT JOIN may become for a page of a large organisation).
    return " LEFT JOIN LATERAL (SELECT k.changes, k.changed_at FROM scim_user_membership_clock k WHERE k.org_id = " + a +
           ".org_id AND k.user_id = " + a + ".id OFFSET 0) " + a + "_clock ON true";
}

std::string record_columns(const std::string& alias, bool membership_clock, bool clock_joined) {
    const std::string extensions = extension_keys(alias);
    const std::string clock = alias + "_clock";
    const std::string last_modified = !membership_clock ? alias + ".last_modified"
                                      : clock_joined    ? "greatest(" + alias + ".last_modified, " + clock + ".changed_at)"
                                                        : user_last_modified_sql(alias);
    const std::string version = !membership_clock ? alias + ".version"
                                : clock_joined    ? "(" + alias + ".version + coalesce(" + clock + ".changes, 0))"
                                                  : user_version_sql(alias);
    return alias + ".id::text, " + alias + ".attributes::text, " + extensions + ", " + sql_time(alias + ".created") +
           ", " + sql_time(last_modified) + ", " + version;
}

ResourceRecord record_from_row(const soci::row& row, std::size_t first) {
    ResourceRecord record;
    record.id = row.get<std::string>(first);
    record.attributes_json = row.get<std::string>(first + 1);
    record.extensions = space_separated(row.get<std::string>(first + 2));
    record.created = row.get<std::string>(first + 3);
    record.last_modified = row.get<std::string>(first + 4);
    record.version = row.get<long long>(first + 5);
    if (row.size() > first + 6 && row.get_indicator(first + 6) == soci::i_ok) {
        record.groups_json = row.get<std::string>(first + 6);
    }
    return record;
}

const Json::Value& ResourceRecord::attributes() const {
    if (!parsed_) {
        Json::Value value;
        if (!util::from_json_text(attributes_json, value)) {
            throw StoreError(StoreError::Kind::Other, "stored attributes are not JSON");
        }
        parsed_ = std::move(value);
    }
    return *parsed_;
}

std::string memberships_json(const std::string& a) {
    // A scalar subquery, not EXISTS: PostgreSQL may turn an EXISTS into a hash of every
    // membership of the table when it expects many rows (a sorted page of a large
    // organisation), where the probe costs one index lookup per row returned.
    return "CASE WHEN (SELECT 1 FROM scim_group_members m WHERE m.org_id = " + a + ".org_id AND m.member_id = " + a +
           ".id LIMIT 1) IS NOT NULL THEN scim_user_groups(" + a + ".org_id, " + a + ".id, :groups_base) END";
}

std::string count_cte(const std::string& written, const std::string& resource_type, int sign) {
    return "counted AS (INSERT INTO scim_resource_counts (org_id, resource_type, slot, n) SELECT w.org_id, " +
           sql_key(resource_type) + ", pg_backend_pid() % 16, " + (sign < 0 ? "-" : "") + "count(*) FROM " + written +
           " w GROUP BY w.org_id ON CONFLICT (org_id, resource_type, slot) DO UPDATE SET n = scim_resource_counts.n + "
           "excluded.n)";
}

std::string claim_for_update_sql(const std::string& table, const std::string& columns) {
    return "WITH " + claim_cte() + ", locked AS (SELECT " + columns + " FROM " + table +
           " WHERE org_id = :org AND id = :id FOR NO KEY UPDATE) "
           "SELECT locked.*, NULL::text, (SELECT count(*) FROM claim) FROM (SELECT 1) one LEFT JOIN locked ON true";
}

LockedRecord claim_for_update(Db& db, const std::string& sql, const Tenant& tenant, const WriteClaim& claim) {
    LockedRecord locked;
    Params params = claim_params(tenant, claim);
    params.push_back({"id", claim.resource_id});
    db.query(sql, params, [&](const soci::row& row) {
        if (row.get_indicator(0) == soci::i_ok) locked.record = record_from_row(row);
        // After the record's columns and the (NULL) groups column.
        locked.claimed = row.get<long long>(row.size() - 1) == 1;
    });
    return locked;
}

bool delete_by_id(Db& db, const std::string& sql, const Tenant& tenant, const std::string& id) {
    // The tenant's lock on member additions first (the lock order in resource_record.h): it
    // waits for the additions in progress, which may have found the resource still there, and
    // holds off those that would start, which will find it gone. Then the DELETE (counter slot, membership clocks) and
    // the unlink, which sees every membership the additions committed.
    static const std::string kLockMemberAdds =
        "SELECT pg_advisory_xact_lock(" + std::string(kMemberAddsLockSpace) + ", hashtext(:org))";
    static const std::string kUnlink = "DELETE FROM scim_group_members WHERE org_id = :org AND member_id = :id";
    db.execute(kLockMemberAdds, {{"org", tenant.org_id}});
    long long deleted = 0;
    db.query(sql, {{"org", tenant.org_id}, {"id", id}}, [&](const soci::row& row) { deleted = row.get<long long>(0); });
    if (deleted == 0) return false;
    db.execute(kUnlink, {{"org", tenant.org_id}, {"id", id}});
    return true;
}

}  // namespace store
