#include "store/portal_store.h"

#include "store/sql_time.h"

namespace store {
namespace {

const std::string kAdmin =
    "SELECT id::text, password_hash FROM administrators WHERE org_id::text = :org AND lower(email) = lower(:email) "
    "AND disabled_at IS NULL";
const std::string kRecentFailures =
    "SELECT coalesce(max(failures), 0) FROM portal_sign_in_failures WHERE org_id::text = :org "
    "AND email = lower(:email) AND since > now() - make_interval(secs => (:window)::int)";
// A window starts with its first failure; an older one starts again.
const std::string kRecordFailure =
    "INSERT INTO portal_sign_in_failures (org_id, email, failures, since) "
    "SELECT id, lower(:email), 1, now() FROM organizations WHERE id::text = :org "
    "ON CONFLICT (org_id, email) DO UPDATE SET "
    "failures = CASE WHEN portal_sign_in_failures.since > now() - make_interval(secs => (:window)::int) "
    "THEN portal_sign_in_failures.failures + 1 ELSE 1 END, "
    "since = CASE WHEN portal_sign_in_failures.since > now() - make_interval(secs => (:window)::int) "
    "THEN portal_sign_in_failures.since ELSE now() END";
const std::string kClearFailures =
    "DELETE FROM portal_sign_in_failures WHERE org_id::text = :org AND email = lower(:email)";
const std::string kCreateSession =
    "INSERT INTO portal_sessions (id_hash, org_id, admin_id, expires_at) "
    "VALUES (:hash, (:org)::uuid, (:admin)::uuid, now() + make_interval(secs => (:seconds)::int))";
const std::string kSession =
    "UPDATE portal_sessions s SET last_seen = now() FROM administrators a "
    "WHERE s.id_hash = :hash AND s.org_id::text = :org AND s.expires_at > now() "
    "AND s.last_seen > now() - make_interval(secs => (:idle)::int) AND a.id = s.admin_id AND a.disabled_at IS NULL "
    "RETURNING s.admin_id::text, a.email";
const std::string kEndSession = "DELETE FROM portal_sessions WHERE id_hash = :hash";
const std::string kApplications =
    "SELECT a.id::text, a.name, " + sql_time("a.created") + ", coalesce(" +
    sql_time("greatest((SELECT max(t.last_used_at) FROM api_tokens t WHERE t.app_id = a.id), "
             "(SELECT max(s.last_used_at) FROM oauth_client_secrets s WHERE s.app_id = a.id))") +
    ", '') FROM applications a WHERE a.org_id::text = :org ORDER BY a.created, a.id";
const std::string kAudit =
    "INSERT INTO audit_log (org_id, admin_id, request_id, resource_type, resource_id, operation) "
    "VALUES ((:org)::uuid, (:admin)::uuid, :request_id, :resource_type, (:resource_id)::uuid, :operation)";

}  // namespace

std::optional<AdminCredentials> PortalStore::admin(const std::string& org_id, const std::string& email) {
    std::optional<AdminCredentials> admin;
    db_.query(kAdmin, {{"org", org_id}, {"email", email}}, [&](const soci::row& row) {
        admin = AdminCredentials{row.get<std::string>(0), row.get<std::string>(1)};
    });
    return admin;
}

int PortalStore::recent_failures(const std::string& org_id, const std::string& email, long long window_seconds) {
    int failures = 0;
    db_.query(kRecentFailures, {{"org", org_id}, {"email", email}, {"window", std::to_string(window_seconds)}},
              [&](const soci::row& row) { failures = row.get<int>(0); });
    return failures;
}

void PortalStore::record_failure(const std::string& org_id, const std::string& email, long long window_seconds) {
    db_.execute(kRecordFailure, {{"email", email}, {"org", org_id}, {"window", std::to_string(window_seconds)}});
}

void PortalStore::clear_failures(const std::string& org_id, const std::string& email) {
    db_.execute(kClearFailures, {{"org", org_id}, {"email", email}});
}

void PortalStore::create_session(const std::string& org_id, const std::string& admin_id, const std::string& id_hash,
                                 long long absolute_seconds) {
    db_.execute(kCreateSession,
                {{"hash", id_hash}, {"org", org_id}, {"admin", admin_id}, {"seconds", std::to_string(absolute_seconds)}});
}

std::optional<PortalSession> PortalStore::session(const std::string& org_id, const std::string& id_hash,
                                                  long long idle_seconds) {
    std::optional<PortalSession> session;
    db_.query(kSession, {{"hash", id_hash}, {"org", org_id}, {"idle", std::to_string(idle_seconds)}},
              [&](const soci::row& row) { session = PortalSession{row.get<std::string>(0), row.get<std::string>(1)}; });
    return session;
}

void PortalStore::end_session(const std::string& id_hash) { db_.execute(kEndSession, {{"hash", id_hash}}); }

std::vector<ApplicationRow> PortalStore::applications(const std::string& org_id) {
    std::vector<ApplicationRow> apps;
    db_.query(kApplications, {{"org", org_id}}, [&](const soci::row& row) {
        apps.push_back({row.get<std::string>(0), row.get<std::string>(1), row.get<std::string>(2),
                        row.get<std::string>(3)});
    });
    return apps;
}

void PortalStore::audit(const std::string& org_id, const std::string& admin_id, const std::string& resource_type,
                        const std::string& resource_id, const std::string& operation, const std::string& request_id) {
    // A request id of its own per action: the audit trail's unique request ids (sql/0008).
    db_.execute(kAudit, {{"org", org_id},
                         {"admin", admin_id},
                         {"request_id", request_id.empty() ? "" : request_id + ":portal"},
                         {"resource_type", resource_type},
                         {"resource_id", resource_id},
                         {"operation", operation}});
}

}  // namespace store
