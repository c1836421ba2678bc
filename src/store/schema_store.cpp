#include "store/schema_store.h"

#include "store/sql_time.h"

namespace store {
namespace {

const std::string kList = "SELECT urn, resource_type, definition::text, " + sql_time("created") +
                          " FROM extension_schemas WHERE org_id = (:org)::uuid ORDER BY created, urn";
const std::string kOrgExists = "SELECT count(*) FROM organizations WHERE id = (:org)::uuid";
const std::string kUrnTaken =
    "SELECT count(*) FROM extension_schemas WHERE org_id = (:org)::uuid AND lower(urn) = lower(:urn)";
const std::string kInsert =
    "INSERT INTO extension_schemas (org_id, urn, resource_type, definition) "
    "VALUES ((:org)::uuid, :urn, :resource_type, (:definition)::jsonb)";
const std::string kAdvance = "UPDATE organizations SET schema_version = schema_version + 1 WHERE id = (:org)::uuid";
const std::string kDelete =
    "DELETE FROM extension_schemas WHERE org_id = (:org)::uuid AND lower(urn) = lower(:urn) RETURNING urn, resource_type";
// The data sits under the URN as first stored, in the spelling the schema was registered with.
const std::string kUsersUsing = "SELECT count(*) FROM scim_users WHERE org_id = (:org)::uuid AND attributes ? :urn";
const std::string kGroupsUsing = "SELECT count(*) FROM scim_groups WHERE org_id = (:org)::uuid AND attributes ? :urn";
const std::string kStripUsers =
    "UPDATE scim_users SET attributes = attributes - :urn, version = version + 1, "
    "last_modified = date_trunc('milliseconds', now()) WHERE org_id = (:org)::uuid AND attributes ? :urn";
const std::string kStripGroups =
    "UPDATE scim_groups SET attributes = attributes - :urn, version = version + 1, "
    "last_modified = date_trunc('milliseconds', now()) WHERE org_id = (:org)::uuid AND attributes ? :urn";

long long count_of(Db& db, const std::string& sql, const Params& params) {
    long long n = 0;
    db.query(sql, params, [&](const soci::row& row) { n = row.get<long long>(0); });
    return n;
}

}  // namespace

std::vector<StoredSchema> SchemaStore::list(const std::string& org_id) {
    std::vector<StoredSchema> schemas;
    db_.query(kList, {{"org", org_id}}, [&](const soci::row& row) {
        schemas.push_back({row.get<std::string>(0), row.get<std::string>(1), row.get<std::string>(2),
                           row.get<std::string>(3)});
    });
    return schemas;
}

SchemaStore::Added SchemaStore::add(const std::string& org_id, const std::string& urn, const std::string& resource_type,
                                    const std::string& definition) {
    Transaction transaction(db_);
    if (count_of(db_, kOrgExists, {{"org", org_id}}) == 0) return Added::NoSuchOrganisation;
    if (count_of(db_, kUrnTaken, {{"org", org_id}, {"urn", urn}}) > 0) return Added::UrnTaken;
    db_.execute(kInsert, {{"org", org_id}, {"urn", urn}, {"resource_type", resource_type}, {"definition", definition}});
    db_.execute(kAdvance, {{"org", org_id}});
    transaction.commit();
    return Added::Yes;
}

long long SchemaStore::resources_using(const std::string& org_id, const std::string& urn,
                                       const std::string& resource_type) {
    return count_of(db_, resource_type == "Group" ? kGroupsUsing : kUsersUsing, {{"org", org_id}, {"urn", urn}});
}

bool SchemaStore::remove(const std::string& org_id, const std::string& urn, bool strip_data) {
    Transaction transaction(db_);
    std::string stored_urn, resource_type;
    db_.query(kDelete, {{"org", org_id}, {"urn", urn}}, [&](const soci::row& row) {
        stored_urn = row.get<std::string>(0);
        resource_type = row.get<std::string>(1);
    });
    if (stored_urn.empty()) return false;
    if (strip_data) db_.execute(resource_type == "Group" ? kStripGroups : kStripUsers, {{"org", org_id}, {"urn", stored_urn}});
    db_.execute(kAdvance, {{"org", org_id}});
    transaction.commit();
    return true;
}

}  // namespace store
