// The schemas this server implements, as data: RFC 7643 §4.1 User, §4.3 enterprise
// User extension, §4.2 Group (attribute characteristics from RFC 7643 §8.7.1).
#pragma once

#include "scim/schema/schema.h"

namespace scim::schema {

Schema user_schema();
Schema enterprise_user_schema();
Schema group_schema();

}  // namespace scim::schema
