#include "store/tenant_store.h"

#include "store/resource_record.h"
#include "store/user_store.h"

#include "store/sql_time.h"

namespace store {
namespace {

const std::string kInsertOrg = "INSERT INTO organizations (name) VALUES (:name) RETURNING id::text";
const std::string kListOrgs = "SELECT id::text, name, " + sql_time("created") +
                              " FROM organizations ORDER BY created, id";
const std::string kInsertApp =
    "INSERT INTO applications (org_id, name) SELECT id, :name FROM organizations WHERE id::text = :org "
    "RETURNING id::text";
const std::string kInsertToken =
    "INSERT INTO api_tokens (app_id, org_id, token_hash, expires_at) "
    "SELECT id, org_id, :hash, CASE WHEN :days_set::int = 1 THEN now() + make_interval(days => :days::int) END "
    "FROM applications WHERE id::text = :app RETURNING id::text";
const std::string kListTokens = "SELECT t.id::text, t.app_id::text, a.name, " + sql_time("t.created") +
                                ", coalesce(" + sql_time("t.expires_at") + ", ''), coalesce(" +
                                sql_time("t.revoked_at") + ", ''), coalesce(" + sql_time("t.last_used_at") +
                                ", '') FROM api_tokens t JOIN applications a ON a.id = t.app_id "
                                "WHERE t.org_id::text = :org ORDER BY t.created, t.id";
// The WHERE clause keeps concurrent requests of one token to one write.
const std::string kMarkUsed =
    "UPDATE api_tokens SET last_used_at = now() WHERE id = (:id)::uuid "
    "AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')";
const std::string kRevokeToken =
    "UPDATE api_tokens SET revoked_at = now() WHERE id::text = :id AND revoked_at IS NULL";
// A bearer token: the organisation, application and schema version, and whether its
// last-used mark is a minute old. One lookup of a unique digest.
const std::string kTokenColumns =
    "SELECT t.org_id::text, t.app_id::text, o.schema_version, t.id::text, "
    "(t.last_used_at IS NULL OR t.last_used_at < now() - interval '1 minute')::int";
constexpr std::size_t kTokenColumnCount = 5;
const std::string kTokenFrom = " FROM api_tokens t JOIN organizations o ON o.id = t.org_id";
const std::string kLiveToken =
    " WHERE t.token_hash = :hash AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > now())";
const std::string kFindToken = kTokenColumns + kTokenFrom + kLiveToken;
// The same, and the user :id of the token's organisation (UserStore::get with groups).
const std::string kFindTokenAndUser =
    kTokenColumns + ", " + UserStore::read_columns() + kTokenFrom + UserStore::lateral_read("t.org_id") + kLiveToken;

Tenant tenant_from_row(const soci::row& row) {
    return Tenant{row.get<std::string>(0), row.get<std::string>(1), row.get<long long>(2), row.get<std::string>(3),
                  row.get<int>(4) == 1};
}
// An OAuth 2.0 access token (sql/0017) whose secret is still active.
const std::string kFindAccessToken =
    "SELECT a.org_id::text, a.app_id::text, o.schema_version FROM oauth_access_tokens a "
    "JOIN oauth_client_secrets s ON s.id = a.secret_id AND s.revoked_at IS NULL "
    "JOIN organizations o ON o.id = a.org_id WHERE a.token_hash = :hash AND a.expires_at > now()";

}  // namespace

std::string TenantStore::create_org(const std::string& name) {
    std::string id;
    db_.query(kInsertOrg, {{"name", name}}, [&](const soci::row& row) { id = row.get<std::string>(0); });
    return id;
}

std::vector<OrgRow> TenantStore::list_orgs() {
    std::vector<OrgRow> orgs;
    db_.query(kListOrgs, {}, [&](const soci::row& row) {
        orgs.push_back({row.get<std::string>(0), row.get<std::string>(1), row.get<std::string>(2)});
    });
    return orgs;
}

std::optional<std::string> TenantStore::create_app(const std::string& org_id, const std::string& name) {
    std::optional<std::string> id;
    db_.query(kInsertApp, {{"name", name}, {"org", org_id}}, [&](const soci::row& row) { id = row.get<std::string>(0); });
    return id;
}

std::optional<std::string> TenantStore::create_token(const std::string& app_id, const std::string& token_hash,
                                                     std::optional<int> expires_in_days) {
    std::optional<std::string> id;
    db_.query(kInsertToken,
              {{"hash", token_hash},
               {"days_set", expires_in_days ? "1" : "0"},
               {"days", std::to_string(expires_in_days.value_or(0))},
               {"app", app_id}},
              [&](const soci::row& row) { id = row.get<std::string>(0); });
    return id;
}

std::vector<TokenRow> TenantStore::list_tokens(const std::string& org_id) {
    std::vector<TokenRow> tokens;
    db_.query(kListTokens, {{"org", org_id}}, [&](const soci::row& row) {
        tokens.push_back({row.get<std::string>(0), row.get<std::string>(1), row.get<std::string>(2),
                          row.get<std::string>(3), row.get<std::string>(4), row.get<std::string>(5),
                          row.get<std::string>(6)});
    });
    return tokens;
}

void TenantStore::mark_token_used(const std::string& token_id) { db_.execute(kMarkUsed, {{"id", token_id}}); }

bool TenantStore::revoke_token(const std::string& token_id) { return db_.execute(kRevokeToken, {{"id", token_id}}) > 0; }

std::optional<Tenant> TenantStore::find_tenant_by_token_hash(const std::string& token_hash) {
    std::optional<Tenant> tenant;
    db_.query(kFindToken, {{"hash", token_hash}}, [&](const soci::row& row) { tenant = tenant_from_row(row); });
    return tenant;
}

std::optional<Tenant> TenantStore::find_tenant_and_user(const std::string& token_hash, const std::string& user_id,
                                                        const std::string& groups_base,
                                                        std::optional<UserRecord>& user) {
    std::optional<Tenant> tenant;
    user.reset();
    db_.query(kFindTokenAndUser, {{"groups_base", groups_base}, {"id", user_id}, {"hash", token_hash}},
              [&](const soci::row& row) {
                  tenant = tenant_from_row(row);
                  if (row.get_indicator(kTokenColumnCount) == soci::i_ok) user = record_from_row(row, kTokenColumnCount);
              });
    return tenant;
}

std::optional<Tenant> TenantStore::find_tenant_by_access_token_hash(const std::string& token_hash) {
    std::optional<Tenant> tenant;
    db_.query(kFindAccessToken, {{"hash", token_hash}}, [&](const soci::row& row) {
        tenant = Tenant{row.get<std::string>(0), row.get<std::string>(1), row.get<long long>(2), "", false};
    });
    return tenant;
}

}  // namespace store
