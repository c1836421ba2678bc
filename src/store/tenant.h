// The caller's tenant: which organisation (and application) a request acts for.
// Every store function takes it first and every statement filters on org_id.
#pragma once

#include <string>

namespace store {

struct Tenant {
    std::string org_id;
    std::string app_id;
    long long schema_version = 0;  // 0: the organisation has no extension schemas of its own
};

}  // namespace store
