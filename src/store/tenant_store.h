// Organisations, their machine-to-machine applications and the applications' bearer
// tokens. Tokens are kept only as SHA-256 digests.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "store/db.h"
#include "store/resource_record.h"
#include "store/tenant.h"

namespace store {

using UserRecord = ResourceRecord;

struct OrgRow {
    std::string id;
    std::string name;
    std::string created;
};

struct TokenRow {
    std::string id;
    std::string app_id;
    std::string app_name;
    std::string created;
    std::string expires_at;  // empty when it never expires
    std::string revoked_at;  // empty when not revoked
    std::string last_used;   // empty when never used (to the minute)
};

class TenantStore {
public:
    explicit TenantStore(Db& db) : db_(db) {}

    std::string create_org(const std::string& name);
    std::vector<OrgRow> list_orgs();
    // nullopt when org_id names no organisation.
    std::optional<std::string> create_app(const std::string& org_id, const std::string& name);
    // Stores token_hash for app_id; nullopt when app_id names no application.
    std::optional<std::string> create_token(const std::string& app_id, const std::string& token_hash,
                                            std::optional<int> expires_in_days);
    std::vector<TokenRow> list_tokens(const std::string& org_id);
    // False when no unrevoked token has that id.
    bool revoke_token(const std::string& token_id);

    // The tenant of a live (unrevoked, unexpired) bearer token; nullopt otherwise.
    std::optional<Tenant> find_tenant_by_token_hash(const std::string& token_hash);
    // The same, and in the same statement (one round trip) the user user_id of the token's
    // organisation, as UserStore::get(tenant, user_id, true) reads it (groups' $ref under
    // groups_base): into `user`, nullopt when absent or when the token is not live.
    // REQUIRES: user_id is a canonical UUID.
    std::optional<Tenant> find_tenant_and_user(const std::string& token_hash, const std::string& user_id,
                                               const std::string& groups_base, std::optional<UserRecord>& user);
    // The same for an OAuth 2.0 access token whose secret is active.
    std::optional<Tenant> find_tenant_by_access_token_hash(const std::string& token_hash);
    // Records that the token was used now, unless it was within the last minute.
    void mark_token_used(const std::string& token_id);

private:
    Db& db_;
};

}  // namespace store
