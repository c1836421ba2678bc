// Bearer-token authentication (RFC 6750) and tenant scoping: a token opens its own
// organisation only. Every failure looks the same to the caller.
#pragma once

#include <string>
#include <string_view>

#include "app/context.h"
#include "store/tenant.h"
#include "store/tenant_store.h"

namespace app {

// The token of an "Authorization: Bearer <token>" header; empty when absent or malformed.
std::string bearer_token(std::string_view authorization);

// REQUIRES: url_org_id is the {orgId} segment of the request URL.
// Throws ScimError::unauthorized for a missing, malformed, unknown, expired or revoked
// token, and for a token of another organisation than url_org_id.
// With read_ahead (a GET of one user), a bearer token's lookup also reads that user of the
// token's organisation, in the same statement; read_ahead->done tells whether it did (an
// OAuth access token is looked up alone).
store::Tenant authenticate(std::string_view authorization, std::string_view url_org_id, store::TenantStore& tenants,
                           UserReadAhead* read_ahead = nullptr);

}  // namespace app
