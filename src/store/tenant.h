// The caller's tenant: which organisation (and application) a request acts for.
// Every store function takes it first and every statement filters on org_id.
#pragma once

#include <string>

namespace store {

struct Tenant {
    std::string org_id;
    std::string app_id;
    long long schema_version = 0;  // 0: the organisation has no extension schemas of its own
    // The bearer token the request came with (empty for an OAuth access token), and whether
    // its last-used mark is a minute old or more (TenantStore::mark_token_used).
    std::string token_id;
    bool token_use_unmarked = false;
};

}  // namespace store
