#include "store/oauth_store.h"

#include "store/sql_time.h"

namespace store {
namespace {

const std::string kInsertSecret =
    "INSERT INTO oauth_client_secrets (app_id, org_id, secret_hash) SELECT id, org_id, :hash FROM applications "
    "WHERE id::text = :app RETURNING id::text";
const std::string kListSecrets = "SELECT id::text, app_id::text, " + sql_time("created") + ", coalesce(" +
                                 sql_time("revoked_at") + ", ''), coalesce(" + sql_time("last_used_at") +
                                 ", '') FROM oauth_client_secrets WHERE app_id::text = :app ORDER BY created, id";
const std::string kRevokeSecret =
    "UPDATE oauth_client_secrets SET revoked_at = now() WHERE id::text = :id AND revoked_at IS NULL";
// Looked up by the digest's unique index, then checked against the client and organisation.
const std::string kAuthenticate =
    "SELECT s.org_id::text, s.app_id::text, s.id::text FROM oauth_client_secrets s "
    "WHERE s.secret_hash = :hash AND s.revoked_at IS NULL AND s.app_id::text = :client AND s.org_id::text = :org";
const std::string kIssue =
    "WITH dropped AS (DELETE FROM oauth_access_tokens WHERE secret_id = (:secret)::uuid AND expires_at < now()), "
    "used AS (UPDATE oauth_client_secrets SET last_used_at = now() WHERE id = (:secret)::uuid) "
    "INSERT INTO oauth_access_tokens (token_hash, secret_id, app_id, org_id, expires_at) "
    "VALUES (:hash, (:secret)::uuid, (:app)::uuid, (:org)::uuid, now() + make_interval(secs => (:seconds)::int))";

}  // namespace

std::optional<std::string> OAuthStore::create_secret(const std::string& app_id, const std::string& secret_hash) {
    std::optional<std::string> id;
    db_.query(kInsertSecret, {{"hash", secret_hash}, {"app", app_id}},
              [&](const soci::row& row) { id = row.get<std::string>(0); });
    return id;
}

std::vector<ClientSecretRow> OAuthStore::list_secrets(const std::string& app_id) {
    std::vector<ClientSecretRow> secrets;
    db_.query(kListSecrets, {{"app", app_id}}, [&](const soci::row& row) {
        secrets.push_back({row.get<std::string>(0), row.get<std::string>(1), row.get<std::string>(2),
                           row.get<std::string>(3), row.get<std::string>(4)});
    });
    return secrets;
}

bool OAuthStore::revoke_secret(const std::string& secret_id) {
    return db_.execute(kRevokeSecret, {{"id", secret_id}}) > 0;
}

std::optional<AuthenticatedClient> OAuthStore::authenticate(const std::string& org_id, const std::string& client_id,
                                                            const std::string& secret_hash) {
    std::optional<AuthenticatedClient> client;
    db_.query(kAuthenticate, {{"hash", secret_hash}, {"client", client_id}, {"org", org_id}},
              [&](const soci::row& row) {
                  client = AuthenticatedClient{row.get<std::string>(0), row.get<std::string>(1),
                                               row.get<std::string>(2)};
              });
    return client;
}

void OAuthStore::issue_access_token(const AuthenticatedClient& client, const std::string& token_hash,
                                    long long seconds) {
    db_.execute(kIssue, {{"secret", client.secret_id},
                         {"hash", token_hash},
                         {"app", client.app_id},
                         {"org", client.org_id},
                         {"seconds", std::to_string(seconds)}});
}

}  // namespace store
