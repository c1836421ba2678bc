// The schemas this server implements, as data: RFC 7643 §4.1 User, §4.3 enterprise
// User extension, §4.2 Group (attribute characteristics from RFC 7643 §8.7.1).
#pragma once

#include <vector>

#include "scim/schema/schema.h"

namespace scim::schema {

Schema user_schema();
Schema enterprise_user_schema();
Schema group_schema();

// RFC 7643 §3.1 common attributes every resource has outside its schemas: id, externalId,
// meta (with its sub-attributes), and the "schemas" attribute itself (§3).
std::vector<Attribute> common_attributes();

}  // namespace scim::schema
