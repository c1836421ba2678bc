#include "scim/schema/schema_definition.h"

#include <array>
#include <set>
#include <string_view>
#include <utility>

#include "util/ascii.h"

namespace scim::schema {
namespace {

constexpr std::size_t kMaxAttributes = 200;
constexpr std::size_t kMaxSubAttributes = 50;
constexpr std::size_t kMaxUrnLength = 200;
constexpr std::size_t kMaxNameLength = 100;

[[noreturn]] void fail(const std::string& where, const std::string& what) {
    throw InvalidSchemaDefinition(where.empty() ? what : where + ": " + what);
}

bool is_alpha(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
bool is_name_char(char c) { return is_alpha(c) || (c >= '0' && c <= '9') || c == '-' || c == '_'; }

// RFC 7644 §3.4.2.2: ATTRNAME = ALPHA *(nameChar), so filters, sortBy and PATCH paths can name it.
void check_name(const std::string& where, const std::string& name) {
    if (name.empty() || name.size() > kMaxNameLength || !is_alpha(name[0])) {
        fail(where, "'name' must start with a letter and have at most " + std::to_string(kMaxNameLength) + " characters");
    }
    for (char c : name) {
        if (!is_name_char(c)) fail(where, "'name' may hold only letters, digits, '-' and '_'");
    }
}

void check_urn(const std::string& urn, const Registry& builtin) {
    if (urn.size() < 5 || !util::iequals(urn.substr(0, 4), "urn:") || urn.size() > kMaxUrnLength) {
        fail("", "'id' must be a URN (\"urn:...\") of at most " + std::to_string(kMaxUrnLength) + " characters");
    }
    for (char c : urn) {
        // The characters a filter's attribute path can carry in its URN prefix (RFC 7644 §3.10).
        if (!is_name_char(c) && c != ':' && c != '.') fail("", "'id' may hold only letters, digits, ':', '.', '-' and '_'");
    }
    if (urn.back() == ':' || urn.find("::") != std::string::npos) fail("", "'id' has an empty segment");
    if (builtin.schema(urn) != nullptr) fail("", "'" + urn + "' is a built-in schema and cannot be redefined");
}

template <typename Enum, std::size_t N>
Enum enum_of(const std::string& where, const Json::Value& json, const char* key, const std::array<Enum, N>& values,
             Enum fallback) {
    if (!json.isMember(key)) return fallback;
    if (!json[key].isString()) fail(where, std::string("'") + key + "' must be a string");
    for (Enum value : values) {
        if (util::iequals(to_string(value), json[key].asString())) return value;
    }
    std::string allowed;
    for (Enum value : values) allowed += (allowed.empty() ? "" : ", ") + std::string(to_string(value));
    fail(where, std::string("'") + key + "' must be one of " + allowed);
}

bool flag(const std::string& where, const Json::Value& json, const char* key) {
    if (!json.isMember(key)) return false;
    if (!json[key].isBool()) fail(where, std::string("'") + key + "' must be true or false");
    return json[key].asBool();
}

std::vector<std::string> strings(const std::string& where, const Json::Value& json, const char* key) {
    std::vector<std::string> out;
    if (!json.isMember(key)) return out;
    if (!json[key].isArray()) fail(where, std::string("'") + key + "' must be an array of strings");
    for (const Json::Value& item : json[key]) {
        if (!item.isString()) fail(where, std::string("'") + key + "' must be an array of strings");
        out.push_back(item.asString());
    }
    return out;
}

Attribute read_attribute(const std::string& parent, const Json::Value& json, bool is_sub);

std::vector<Attribute> read_attributes(const std::string& where, const Json::Value& list, bool are_subs) {
    const std::size_t limit = are_subs ? kMaxSubAttributes : kMaxAttributes;
    const char* key = are_subs ? "subAttributes" : "attributes";
    if (!list.isArray() || list.empty()) fail(where, std::string("'") + key + "' must be a non-empty array");
    if (list.size() > limit) fail(where, "more than " + std::to_string(limit) + " " + key);
    std::vector<Attribute> out;
    std::set<std::string> seen;
    for (const Json::Value& item : list) {
        Attribute attribute = read_attribute(where, item, are_subs);
        std::string folded;
        for (char c : attribute.name) folded += util::ascii_lower(c);
        // Names are case-insensitive (RFC 7643 §2.1): "Badge" and "badge" are one attribute.
        if (!seen.insert(folded).second) fail(where, "attribute '" + attribute.name + "' is defined twice");
        out.push_back(std::move(attribute));
    }
    return out;
}

Attribute read_attribute(const std::string& parent, const Json::Value& json, bool is_sub) {
    if (!json.isObject()) fail(parent, "each attribute must be an object");
    static const std::set<std::string> kKeys = {"name", "type", "subAttributes", "multiValued", "description",
                                                "required", "canonicalValues", "caseExact", "mutability",
                                                "returned", "uniqueness", "referenceTypes"};
    if (!json["name"].isString()) fail(parent, "an attribute has no 'name'");
    Attribute attribute;
    attribute.name = json["name"].asString();
    const std::string where = (parent.empty() ? "" : parent + ".") + attribute.name;
    check_name(where, attribute.name);
    for (const std::string& key : json.getMemberNames()) {
        if (!kKeys.count(key)) fail(where, "unknown key '" + key + "'");
    }
    if (!json.isMember("type")) fail(where, "'type' is required");
    attribute.type = enum_of(where, json, "type",
                             std::array{Type::String, Type::Boolean, Type::Decimal, Type::Integer, Type::DateTime,
                                        Type::Binary, Type::Reference, Type::Complex},
                             Type::String);
    attribute.multi_valued = flag(where, json, "multiValued");
    attribute.required = flag(where, json, "required");
    attribute.case_exact = flag(where, json, "caseExact");
    if (json.isMember("description") && !json["description"].isString()) fail(where, "'description' must be a string");
    attribute.description = json.get("description", "").asString();
    attribute.mutability = enum_of(where, json, "mutability",
                                   std::array{Mutability::ReadOnly, Mutability::ReadWrite, Mutability::Immutable,
                                              Mutability::WriteOnly},
                                   Mutability::ReadWrite);
    attribute.returned = enum_of(where, json, "returned",
                                 std::array{Returned::Always, Returned::Never, Returned::Default, Returned::Request},
                                 Returned::Default);
    attribute.uniqueness = enum_of(where, json, "uniqueness",
                                   std::array{Uniqueness::None, Uniqueness::Server, Uniqueness::Global},
                                   Uniqueness::None);
    if (attribute.uniqueness != Uniqueness::None) {
        fail(where, "'uniqueness' must be \"none\": uniqueness of extension attributes is not enforced");
    }
    // A writeOnly value is a secret to hash, which only the core password is (RFC 7643 §4.1.1).
    if (attribute.mutability == Mutability::WriteOnly) fail(where, "'mutability' \"writeOnly\" is not offered for extensions");
    if (is_sub && (attribute.returned == Returned::Request || attribute.returned == Returned::Never)) {
        fail(where, "a sub-attribute is returned with its attribute: 'returned' must be \"default\" or \"always\"");
    }
    attribute.canonical_values = strings(where, json, "canonicalValues");
    attribute.reference_types = strings(where, json, "referenceTypes");
    if (attribute.type == Type::Reference && attribute.reference_types.empty()) attribute.reference_types = {"external"};
    if (attribute.type == Type::Complex) {
        // RFC 7643 §2.3.8: "A complex attribute MUST NOT contain sub-attributes that have sub-attributes".
        if (is_sub) fail(where, "a sub-attribute cannot be complex (RFC 7643 §2.3.8)");
        attribute.sub_attributes = read_attributes(where, json["subAttributes"], true);
    } else if (json.isMember("subAttributes")) {
        fail(where, "only complex attributes have 'subAttributes'");
    }
    return attribute;
}

}  // namespace

Schema read_schema_definition(const Json::Value& definition, const Registry& builtin) {
    if (!definition.isObject()) fail("", "a schema definition is a JSON object");
    static const std::set<std::string> kKeys = {"schemas", "id", "name", "description", "attributes", "meta"};
    for (const std::string& key : definition.getMemberNames()) {
        if (!kKeys.count(key)) fail("", "unknown key '" + key + "'");
    }
    if (!definition["id"].isString()) fail("", "'id' (the schema's URN) is required");
    Schema schema;
    schema.id = definition["id"].asString();
    check_urn(schema.id, builtin);
    if (definition.isMember("name") && !definition["name"].isString()) fail("", "'name' must be a string");
    if (definition.isMember("description") && !definition["description"].isString()) {
        fail("", "'description' must be a string");
    }
    schema.name = definition.get("name", "").asString();
    schema.description = definition.get("description", "").asString();
    schema.attributes = read_attributes("", definition["attributes"], false);
    return schema;
}

std::string resource_type_of_urn(const std::string& urn, const Registry& registry) {
    const std::size_t colon = urn.rfind(':');
    const std::string last = colon == std::string::npos ? urn : urn.substr(colon + 1);
    const ResourceType* type = registry.resource_type(last);
    return type != nullptr ? type->name : "";
}

}  // namespace scim::schema
