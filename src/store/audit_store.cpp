#include "store/audit_store.h"

#include "store/sql_time.h"

namespace store {
namespace {

const std::string kInsert =
    "INSERT INTO audit_log (org_id, app_id, request_id, resource_type, resource_id, operation) "
    "VALUES (:org, nullif(:app, '')::uuid, :request_id, :resource_type, :resource_id, :operation)";
// Two-key advisory lock: (namespace for request ids, the id's hash); a collision between two
// request ids only makes one wait for the other.
const std::string kLockRequest = "SELECT pg_advisory_xact_lock(7364206, hashtext(:request_id))";
const std::string kEarlier =
    "SELECT resource_id::text FROM audit_log WHERE org_id = :org AND request_id = :request_id LIMIT 1";
const std::string kList = "SELECT " + sql_time("at") +
                          ", coalesce(app_id::text, ''), request_id, resource_type, resource_id::text, operation "
                          "FROM audit_log WHERE org_id = :org AND at >= coalesce(nullif(:since, '')::timestamptz, "
                          "'-infinity') ORDER BY at, id";

// Every write runs both: prepared once per connection.
struct EarlierAttempt : Db::Prepared {
    std::string org_id, request_id, resource_id;
    soci::statement lock, find;
    explicit EarlierAttempt(soci::session& session)
        : lock((session.prepare << kLockRequest, soci::use(request_id, "request_id"))),
          find((session.prepare << kEarlier, soci::use(org_id, "org"), soci::use(request_id, "request_id"),
                soci::into(resource_id))) {}
};

}  // namespace

void AuditStore::record(const Tenant& tenant, const std::string& request_id, const std::string& resource_type,
                        const std::string& resource_id, const std::string& operation) {
    db_.run([&] {
        db_.session() << kInsert, soci::use(tenant.org_id, "org"), soci::use(tenant.app_id, "app"),
            soci::use(request_id, "request_id"), soci::use(resource_type, "resource_type"),
            soci::use(resource_id, "resource_id"), soci::use(operation, "operation");
    });
}

std::optional<std::string> AuditStore::earlier_attempt(const Tenant& tenant, const std::string& request_id) {
    auto& earlier = db_.prepared<EarlierAttempt>("audit_earlier_attempt");
    return db_.run([&]() -> std::optional<std::string> {
        earlier.org_id = tenant.org_id;
        earlier.request_id = request_id;
        earlier.lock.execute(true);
        earlier.find.execute(true);
        if (!earlier.find.got_data()) return std::nullopt;
        return earlier.resource_id;
    });
}

std::vector<AuditEntry> AuditStore::list(const std::string& org_id, const std::string& since) {
    return db_.run([&] {
        std::vector<AuditEntry> entries;
        soci::rowset<soci::row> rows = (db_.session().prepare << kList, soci::use(org_id, "org"), soci::use(since, "since"));
        for (const auto& row : rows) {
            entries.push_back({row.get<std::string>(0), row.get<std::string>(1), row.get<std::string>(2),
                               row.get<std::string>(3), row.get<std::string>(4), row.get<std::string>(5)});
        }
        return entries;
    });
}

}  // namespace store
