#include "scim/schema/schema.h"

#include "util/ascii.h"

namespace scim::schema {

// Attribute names are case-insensitive (RFC 7643 §2.1).
const Attribute* Schema::find(std::string_view attribute_name) const {
    for (const Attribute& attribute : attributes) {
        if (util::iequals(attribute.name, attribute_name)) return &attribute;
    }
    return nullptr;
}

}  // namespace scim::schema
