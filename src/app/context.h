// What a handler gets besides the request: the authenticated tenant, the registry,
// the stores, the base URL of this tenant's SCIM API and the server's limits.
#pragma once

#include <functional>
#include <string>

#include "scim/schema/registry.h"
#include "store/db.h"
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
};

}  // namespace app
