// What a handler gets besides the request: the authenticated tenant, the registry,
// the stores, the base URL of this tenant's SCIM API and the server's limits.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "scim/schema/registry.h"
#include "store/db.h"
#include "store/resource_record.h"
#include "store/tenant.h"

namespace app {

struct Limits {
    long long max_payload_bytes = 10 * 1024 * 1024;
    int max_results = 1000;  // largest page a list returns (ServiceProviderConfig filter.maxResults)
    long long request_timeout_ms = 30000;    // no statement starts later (config.h)
    long long statement_timeout_ms = 10000;  // for messages: the database enforces it
    long long cursor_timeout_seconds = 3600;  // RFC 9865 cursorTimeout
    int bulk_max_operations = 1000;                  // RFC 7644 §3.7.4 maxOperations
    long long bulk_max_payload_bytes = 1024 * 1024;  // RFC 7644 §3.7.4 maxPayloadSize
    long long access_token_seconds = 3600;           // OAuth 2.0 access tokens' expires_in
};

// The user a GET /Users/{id} reads, read with the token's lookup in one statement
// (TenantStore::find_tenant_and_user): done once that statement ran and the token was accepted.
struct UserReadAhead {
    std::string user_id;      // canonical UUID
    std::string groups_base;  // the $ref base of its groups: {base_url}/Groups/
    bool done = false;
    std::optional<store::ResourceRecord> user;  // nullopt: no such user in the organisation
};

struct Context {
    const scim::schema::Registry& registry;
    const Limits& limits;
    store::Db& db;
    store::Tenant tenant;
    std::string base_url;    // https://host/orgs/{org}/api/v1/scim/v2
    std::string request_id;  // nginx $request_id, for logs and the audit trail
    // The secret cursors are signed with (shared by every worker through the database),
    // read on first use.
    std::function<const std::string&()> cursor_key;
    // The user this request reads, when the dispatcher read it ahead; null otherwise.
    const UserReadAhead* user_read_ahead = nullptr;
};

}  // namespace app
