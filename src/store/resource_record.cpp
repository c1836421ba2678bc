#include "store/resource_record.h"

#include "store/db.h"
#include "store/sql_time.h"
#include "store/tenant.h"
#include "store/store_error.h"
#include "util/json_text.h"

namespace store {

std::string record_columns(const std::string& alias) {
    return alias + ".id::text, " + alias + ".attributes::text, " + sql_time(alias + ".created") + ", " +
           sql_time(alias + ".last_modified") + ", " + alias + ".version";
}

ResourceRecord record_from_row(const soci::row& row) {
    ResourceRecord record;
    record.id = row.get<std::string>(0);
    if (!util::from_json_text(row.get<std::string>(1), record.attributes)) {
        throw StoreError(StoreError::Kind::Other, "stored attributes are not JSON");
    }
    record.created = row.get<std::string>(2);
    record.last_modified = row.get<std::string>(3);
    record.version = row.get<long long>(4);
    if (row.size() > 5 && row.get_indicator(5) == soci::i_ok) record.groups_json = row.get<std::string>(5);
    return record;
}

std::string memberships_json(const std::string& a) {
    return "CASE WHEN EXISTS (SELECT 1 FROM scim_group_members m0 WHERE m0.org_id = " + a + ".org_id AND m0.member_id = " +
           a + ".id) THEN (WITH RECURSIVE up (group_id, direct) AS ("
           "SELECT m.group_id, true FROM scim_group_members m WHERE m.org_id = " + a + ".org_id AND m.member_id = " + a +
           ".id UNION SELECT m.group_id, false FROM up JOIN scim_group_members m ON m.org_id = " + a +
           ".org_id AND m.member_id = up.group_id) "
           "SELECT json_agg(json_build_array(g.id, g.display_name, a.direct) ORDER BY g.display_name, g.id)::text "
           "FROM (SELECT up.group_id, bool_or(up.direct) AS direct FROM up GROUP BY up.group_id) a "
           "JOIN scim_groups g ON g.org_id = " + a + ".org_id AND g.id = a.group_id) END";
}

bool delete_by_id(Db& db, const std::string& sql, const Tenant& tenant, const std::string& id) {
    // After the DELETE, wait for the member additions in progress (GroupStore::lock_member_adds)
    // and only then, in a statement that sees what they committed, unlink the resource.
    static const std::string kLockMemberAdds =
        "SELECT pg_advisory_xact_lock(" + std::string(kMemberAddsLockSpace) + ", hashtext(:org))";
    static const std::string kUnlink = "DELETE FROM scim_group_members WHERE org_id = :org AND member_id = :id";
    if (db.execute(sql, {{"org", tenant.org_id}, {"id", id}}) == 0) return false;
    db.execute(kLockMemberAdds, {{"org", tenant.org_id}});
    db.execute(kUnlink, {{"org", tenant.org_id}, {"id", id}});
    return true;
}

}  // namespace store
