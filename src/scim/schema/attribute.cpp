#include "scim/schema/attribute.h"

#include <cstddef>

#include "util/ascii.h"

namespace scim::schema {

const Attribute* Attribute::find_sub(std::string_view sub_name) const {
    for (const Attribute& sub : sub_attributes) {
        if (util::iequals(sub.name, sub_name)) return &sub;
    }
    return nullptr;
}

// RFC 7643 §7, "type".
std::string_view to_string(Type type) {
    switch (type) {
        case Type::String:
            return "string";
        case Type::Boolean:
            return "boolean";
        case Type::Decimal:
            return "decimal";
        case Type::Integer:
            return "integer";
        case Type::DateTime:
            return "dateTime";
        case Type::Binary:
            return "binary";
        case Type::Reference:
            return "reference";
        case Type::Complex:
            return "complex";
    }
    return "string";  // unreachable: every enumerator is handled above (-Wswitch checks it)
}

// RFC 7643 §7, "mutability".
std::string_view to_string(Mutability mutability) {
    switch (mutability) {
        case Mutability::ReadOnly:
            return "readOnly";
        case Mutability::ReadWrite:
            return "readWrite";
        case Mutability::Immutable:
            return "immutable";
        case Mutability::WriteOnly:
            return "writeOnly";
    }
    return "readWrite";  // unreachable, as above
}

// RFC 7643 §7, "returned".
std::string_view to_string(Returned returned) {
    switch (returned) {
        case Returned::Always:
            return "always";
        case Returned::Never:
            return "never";
        case Returned::Default:
            return "default";
        case Returned::Request:
            return "request";
    }
    return "default";  // unreachable, as above
}

// RFC 7643 §7, "uniqueness".
std::string_view to_string(Uniqueness uniqueness) {
    switch (uniqueness) {
        case Uniqueness::None:
            return "none";
        case Uniqueness::Server:
            return "server";
        case Uniqueness::Global:
            return "global";
    }
    return "none";  // unreachable, as above
}

}  // namespace scim::schema
