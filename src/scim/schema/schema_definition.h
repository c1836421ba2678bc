// An extension schema as an administrator registers it for one organisation: an RFC 7643 §7
// schema resource read into a Schema, with every rule the server relies on checked first
// (names the filter grammar can write, types it knows, no nested complex attributes).
#pragma once

#include <stdexcept>
#include <string>

#include <json/value.h>

#include "scim/schema/registry.h"
#include "scim/schema/schema.h"

namespace scim::schema {

// What is wrong with a definition, in words for the administrator.
class InvalidSchemaDefinition : public std::invalid_argument {
public:
    using std::invalid_argument::invalid_argument;
};

// Reads `definition` (an RFC 7643 §7 schema resource: "id", optional "name" and
// "description", "attributes" with name, type, multiValued, required, caseExact,
// mutability, returned, uniqueness, subAttributes, canonicalValues, referenceTypes).
// Defaults are RFC 7643 §2.2's. Throws InvalidSchemaDefinition naming the first problem:
// an id that is not a URN of the characters [A-Za-z0-9:._-], a URN that `builtin` already
// defines, unknown keys, a name outside RFC 7644's ATTRNAME, duplicate names, a complex
// attribute without sub-attributes or with complex ones, uniqueness other than "none" (not
// enforced for extension data, so discovery would lie), writeOnly (a secret to hash: only
// the core password is one), "request"/"never" on a sub-attribute, more than 200 attributes.
Schema read_schema_definition(const Json::Value& definition, const Registry& builtin);

// The resource type an extension URN names by its last segment ("...:2.0:User" → "User"),
// if `registry` has one of that name; empty otherwise.
std::string resource_type_of_urn(const std::string& urn, const Registry& registry);

}  // namespace scim::schema
