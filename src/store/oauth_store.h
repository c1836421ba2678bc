// OAuth 2.0 client credentials (sql/0017): an application's client secrets and the access
// tokens they buy, kept only as SHA-256 digests.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "store/db.h"

namespace store {

struct ClientSecretRow {
    std::string id;
    std::string app_id;
    std::string created;
    std::string revoked_at;  // empty while active
    std::string last_used;   // when it last bought an access token; empty: never
};

// The client a token request authenticated: its application, organisation and the secret used.
struct AuthenticatedClient {
    std::string org_id;
    std::string app_id;
    std::string secret_id;
};

class OAuthStore {
public:
    explicit OAuthStore(Db& db) : db_(db) {}

    // Stores secret_hash for app_id; nullopt when app_id names no application.
    std::optional<std::string> create_secret(const std::string& app_id, const std::string& secret_hash);
    std::vector<ClientSecretRow> list_secrets(const std::string& app_id);
    // False when no active secret has that id. Its access tokens stop working with it.
    bool revoke_secret(const std::string& secret_id);

    // The client whose id (its application's id, canonical text) belongs to org_id and has an
    // active secret with that digest; nullopt otherwise.
    std::optional<AuthenticatedClient> authenticate(const std::string& org_id, const std::string& client_id,
                                                    const std::string& secret_hash);
    // Stores an access token bought with the client's secret, good for `seconds`, and drops
    // that secret's expired ones.
    void issue_access_token(const AuthenticatedClient& client, const std::string& token_hash, long long seconds);

private:
    Db& db_;
};

}  // namespace store
