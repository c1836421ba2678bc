// An attribute definition as RFC 7643 §2.2 and §7 describe it: the data every
// validation, discovery and filter decision reads. Plain values, built once at start.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace scim::schema {

enum class Type { String, Boolean, Decimal, Integer, DateTime, Binary, Reference, Complex };
enum class Mutability { ReadOnly, ReadWrite, Immutable, WriteOnly };
enum class Returned { Always, Never, Default, Request };
enum class Uniqueness { None, Server, Global };

struct Attribute {
    std::string name;
    Type type = Type::String;
    bool multi_valued = false;
    std::string description;
    bool required = false;
    bool case_exact = false;
    Mutability mutability = Mutability::ReadWrite;
    Returned returned = Returned::Default;
    Uniqueness uniqueness = Uniqueness::None;
    std::vector<std::string> canonical_values;
    std::vector<std::string> reference_types;
    std::vector<Attribute> sub_attributes;

    // Attribute names are case-insensitive (RFC 7643 §2.1). nullptr when absent.
    const Attribute* find_sub(std::string_view sub_name) const;
};

// The RFC 7643 §7 spelling of each enum ("string", "readWrite", "default", "none", ...).
std::string_view to_string(Type type);
std::string_view to_string(Mutability mutability);
std::string_view to_string(Returned returned);
std::string_view to_string(Uniqueness uniqueness);

}  // namespace scim::schema
