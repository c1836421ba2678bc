// UUID text checks: ids in URLs are validated before they reach the database.
#pragma once

#include <string>
#include <string_view>

namespace scim {

// True for the 8-4-4-4-12 hex form, any case.
bool is_uuid(std::string_view text);

// REQUIRES: is_uuid(text). The lower-case form PostgreSQL prints.
std::string canonical_uuid(std::string_view text);

}  // namespace scim
