#include "store/audit_store.h"

#include "store/sql_time.h"
#include "store/store_error.h"

namespace store {
namespace {

// The unique index (sql/0008) makes a second attempt wait for the first and then do nothing.
// A function, as claim_cte() below: other stores' constants are built from it.
const std::string& claim_insert() {
    static const std::string sql =
        "INSERT INTO audit_log (org_id, app_id, request_id, resource_type, resource_id, operation) "
        "VALUES (:org, nullif(:app, '')::uuid, :request_id, :resource_type, (:resource_id)::uuid, :operation) "
        "ON CONFLICT (org_id, request_id) WHERE request_id <> '' DO NOTHING";
    return sql;
}
const std::string kEarlier = "SELECT resource_id::text FROM audit_log WHERE org_id = :org AND request_id = :request_id";
const std::string kList = "SELECT " + sql_time("at") +
                          ", coalesce(app_id::text, ''), request_id, resource_type, resource_id::text, operation, "
                          "coalesce(admin_id::text, '') "
                          "FROM audit_log WHERE org_id = :org AND at >= coalesce(nullif(:since, '')::timestamptz, "
                          "'-infinity') ORDER BY at, id";

}  // namespace

const std::string& claim_cte() {
    static const std::string cte = "claim AS (" + claim_insert() + " RETURNING 1)";
    return cte;
}

Params claim_params(const Tenant& tenant, const WriteClaim& claim) {
    return {{"org", tenant.org_id},
            {"app", tenant.app_id},
            {"request_id", claim.request_id},
            {"resource_type", claim.resource_type},
            {"resource_id", claim.resource_id},
            {"operation", claim.operation}};
}

std::optional<std::string> AuditStore::claim(const Tenant& tenant, const WriteClaim& claim) {
    if (db_.execute(claim_insert(), claim_params(tenant, claim)) == 1) return std::nullopt;
    return earlier(tenant, claim.request_id);
}

std::string AuditStore::earlier(const Tenant& tenant, const std::string& request_id) {
    std::optional<std::string> earlier;
    db_.query(kEarlier, {{"org", tenant.org_id}, {"request_id", request_id}},
              [&](const soci::row& row) { earlier = row.get<std::string>(0); });
    // Only a rolled-back attempt leaves no row; the claim found one committed. Running the
    // request again (Contention) claims anew.
    if (!earlier) throw StoreError(StoreError::Kind::Contention, "request id claimed, but no earlier attempt found");
    return *earlier;
}

std::vector<AuditEntry> AuditStore::list(const std::string& org_id, const std::string& since) {
    std::vector<AuditEntry> entries;
    db_.query(kList, {{"org", org_id}, {"since", since}}, [&](const soci::row& row) {
        entries.push_back({row.get<std::string>(0), row.get<std::string>(1), row.get<std::string>(2),
                           row.get<std::string>(3), row.get<std::string>(4), row.get<std::string>(5),
                           row.get<std::string>(6)});
    });
    return entries;
}

}  // namespace store
