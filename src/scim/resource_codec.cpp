#include "scim/resource_codec.h"

#include <cctype>
#include <cstdint>

#include "scim/datetime.h"
#include "scim/error.h"
#include "scim/json.h"
#include "util/ascii.h"
#include "util/json_text.h"

namespace scim {
namespace {

using schema::Attribute;
using schema::Mutability;
using schema::Type;

std::string describe(const Json::Value& value) {
    switch (value.type()) {
        case Json::nullValue: return "null";
        case Json::intValue:
        case Json::uintValue:
        case Json::realValue: return "a number";
        case Json::stringValue: return "a string";
        case Json::booleanValue: return "a boolean";
        case Json::arrayValue: return "an array";
        case Json::objectValue: return "an object";
    }
    return "a value";
}

[[noreturn]] void wrong_type(const std::string& path, std::string_view expected, const Json::Value& value) {
    throw ScimError::invalid_value("Attribute '" + path + "' must be " + std::string(expected) + ", not " +
                                   describe(value));
}

// PostgreSQL text cannot hold NUL; no SCIM value needs one.
void refuse_nul(const std::string& path, const Json::Value& value) {
    if (value.asString().find('\0') != std::string::npos) {
        throw ScimError::invalid_value("Attribute '" + path + "' must not contain NUL characters");
    }
}

// A single (not multi-valued) value of a simple type, normalized.
Json::Value decode_simple(const Attribute& attribute, const std::string& path, const Json::Value& value) {
    switch (attribute.type) {
        case Type::String:
        case Type::Reference:
        case Type::Binary:
            if (!value.isString()) wrong_type(path, "a string", value);
            refuse_nul(path, value);
            return value;
        case Type::DateTime:
            if (!value.isString() || !is_valid_datetime(value.asString())) {
                throw ScimError::invalid_value("Attribute '" + path + "' must be an xsd:dateTime string");
            }
            return value;
        case Type::Boolean:
            if (value.isBool()) return value;
            // Microsoft Entra ID sends booleans as "True"/"False" strings.
            if (value.isString()) {
                if (util::iequals(value.asString(), "true")) return Json::Value(true);
                if (util::iequals(value.asString(), "false")) return Json::Value(false);
            }
            wrong_type(path, "a boolean", value);
        case Type::Integer:
            if (value.isInt64() && value.isIntegral()) return Json::Value(static_cast<Json::Int64>(value.asInt64()));
            wrong_type(path, "an integer", value);
        case Type::Decimal:
            if (value.isNumeric()) return value;
            wrong_type(path, "a number", value);
        case Type::Complex:
            break;
    }
    wrong_type(path, "a simple value", value);
}

Json::Value decode_single(const Attribute& attribute, const std::string& path, const Json::Value& value);

Json::Value decode_complex(const Attribute& attribute, const std::string& path, const Json::Value& value) {
    if (!value.isObject()) wrong_type(path, "an object", value);
    Json::Value out(Json::objectValue);
    for (auto it = value.begin(); it != value.end(); ++it) {
        const std::string key = it.name();
        const Attribute* sub = attribute.find_sub(key);
        if (sub == nullptr && util::iequals(key, "displayName")) {
            // Microsoft's members carry {"value": id, "displayName": ...}: the RFC's "display"
            // where the attribute has no displayName of its own. "display", when sent too, wins.
            sub = attribute.find_sub("display");
            if (sub != nullptr && value.isMember("display")) continue;
        }
        if (sub == nullptr) {
            throw ScimError::invalid_syntax("Unknown attribute '" + path + "." + key + "'");
        }
        if (it->isNull() || sub->mutability == Mutability::ReadOnly) continue;
        out[sub->name] = decode_single(*sub, path + "." + sub->name, *it);
    }
    for (const Attribute& sub : attribute.sub_attributes) {
        if (sub.required && sub.mutability != Mutability::ReadOnly && !out.isMember(sub.name) && !out.empty()) {
            throw ScimError::invalid_value("Attribute '" + path + "." + sub.name + "' is required");
        }
    }
    return out;
}

Json::Value decode_single(const Attribute& attribute, const std::string& path, const Json::Value& value) {
    if (attribute.type == Type::Complex) return decode_complex(attribute, path, value);
    return decode_simple(attribute, path, value);
}

}  // namespace

// Null for "unassigned": an absent value, an empty array or an empty complex value.
Json::Value decode_attribute(const Attribute& attribute, const std::string& path, const Json::Value& value) {
    if (value.isNull()) return Json::Value();
    if (!attribute.multi_valued) {
        Json::Value single = decode_single(attribute, path, value);
        if (single.isObject() && single.empty()) return Json::Value();
        return single;
    }
    if (!value.isArray()) wrong_type(path, "an array", value);
    Json::Value out(Json::arrayValue);
    int primaries = 0;
    for (const Json::Value& element : value) {
        if (element.isNull()) continue;
        Json::Value decoded = decode_single(attribute, path, element);
        if (decoded.isObject()) {
            if (decoded.empty()) continue;
            if (decoded.get("primary", false).asBool()) ++primaries;
        }
        out.append(std::move(decoded));
    }
    // RFC 7643 §2.4: the primary value "true" MUST appear no more than once.
    if (primaries > 1) {
        throw ScimError::invalid_value("Attribute '" + path + "' has more than one primary value");
    }
    if (out.empty()) return Json::Value();
    return out;
}

namespace {

// Nothing is dropped silently: an attribute outside the organisation's schemas is refused,
// and the administrator can make it known.
constexpr const char* kRegisterHint =
    " (attributes beyond this organisation's schemas need an extension schema, registered with "
    "'scimctl schema add')";

// Decodes the members of `object` that belong to `schema` into `out`.
void decode_schema_members(const schema::Schema& schema, const Json::Value& object, const std::string& prefix,
                           Json::Value& out, DecodedResource& decoded) {
    for (auto it = object.begin(); it != object.end(); ++it) {
        const std::string key = it.name();
        const Attribute* attribute = schema.find(key);
        if (attribute == nullptr) {
            throw ScimError::invalid_syntax("Unknown attribute '" + prefix + key + "'" + kRegisterHint);
        }
        if (attribute->mutability == Mutability::ReadOnly) continue;
        const std::string path = prefix + attribute->name;
        if (attribute->mutability == Mutability::WriteOnly) {
            if (it->isNull()) continue;
            if (!it->isString()) wrong_type(path, "a string", *it);
            if (util::iequals(attribute->name, "password")) decoded.password = it->asString();
            continue;
        }
        Json::Value value = decode_attribute(*attribute, path, *it);
        if (!value.isNull()) out[attribute->name] = std::move(value);
    }
}

bool is_common_read_only(std::string_view key) {
    return util::iequals(key, "id") || util::iequals(key, "meta");
}

void check_required(const schema::Schema& schema, const Json::Value& attributes, const std::string& prefix) {
    for (const Attribute& attribute : schema.attributes) {
        if (!attribute.required || attribute.mutability == Mutability::ReadOnly) continue;
        const Json::Value& value = attributes[attribute.name];
        if (value.isNull() || (value.isString() && value.asString().empty())) {
            throw ScimError::invalid_value("Attribute '" + prefix + attribute.name + "' is required");
        }
    }
}

}  // namespace

DecodedResource decode_resource(const schema::Registry& registry, const schema::ResourceType& type,
                                const Json::Value& body) {
    if (!body.isObject()) throw ScimError::invalid_syntax("Request body must be a JSON object");
    const Json::Value* schemas = json::find_member(body, "schemas");
    if (schemas == nullptr || !schemas->isArray()) {
        throw ScimError::invalid_syntax("Request body must list its schemas in a 'schemas' array");
    }
    bool lists_core = false;
    for (const Json::Value& urn : *schemas) {
        if (!urn.isString()) throw ScimError::invalid_syntax("'schemas' must hold only strings");
        if (util::iequals(urn.asString(), type.schema)) lists_core = true;
    }
    if (!lists_core) throw ScimError::invalid_syntax("'schemas' must include " + type.schema);

    const schema::Schema* core = registry.schema(type.schema);
    DecodedResource decoded;
    Json::Value& out = decoded.attributes;
    for (auto it = body.begin(); it != body.end(); ++it) {
        const std::string key = it.name();
        if (util::iequals(key, "schemas") || is_common_read_only(key)) continue;
        if (util::iequals(key, "externalId")) {
            // RFC 7643 §3.1: externalId is a caseExact, readWrite string.
            if (it->isNull()) continue;
            if (!it->isString()) wrong_type("externalId", "a string", *it);
            refuse_nul("externalId", *it);
            out["externalId"] = *it;
            continue;
        }
        const schema::SchemaExtension* extension = nullptr;
        for (const auto& candidate : type.extensions) {
            if (util::iequals(candidate.schema, key)) extension = &candidate;
        }
        if (extension != nullptr) {
            if (it->isNull()) continue;
            if (!it->isObject()) wrong_type(extension->schema, "an object", *it);
            Json::Value members(Json::objectValue);
            decode_schema_members(*registry.schema(extension->schema), *it, extension->schema + ":", members, decoded);
            if (!members.empty()) out[extension->schema] = std::move(members);
            continue;
        }
        if (key.rfind("urn:", 0) == 0 || key.rfind("URN:", 0) == 0) {
            // A schema URN this resource type does not have: accepted only when it carries no data.
            if (it->isNull() || (it->isObject() && it->empty())) continue;
            throw ScimError::invalid_syntax("Unknown schema or attribute '" + key + "'" + kRegisterHint);
        }
        Json::Value single(Json::objectValue);
        single[key] = *it;
        decode_schema_members(*core, single, "", out, decoded);
    }
    check_required(*core, out, "");
    for (const auto& extension : type.extensions) {
        const Json::Value* members = json::find_member(out, extension.schema);
        if (extension.required && members == nullptr) {
            throw ScimError::invalid_value("Extension " + extension.schema + " is required");
        }
        if (members != nullptr) {
            check_required(*registry.schema(extension.schema), *members, extension.schema + ":");
        }
    }
    return decoded;
}

void check_immutable(const schema::Registry& registry, const schema::ResourceType& type, const Json::Value& before,
                     const Json::Value& after) {
    auto check_schema = [](const schema::Schema& schema, const Json::Value& old_values, const Json::Value& new_values,
                           const std::string& prefix) {
        for (const Attribute& attribute : schema.attributes) {
            if (attribute.mutability != Mutability::Immutable) continue;
            const Json::Value& old_value = old_values[attribute.name];
            if (old_value.isNull()) continue;
            if (new_values[attribute.name] != old_value) {
                throw ScimError::mutability("Attribute '" + prefix + attribute.name + "' is immutable");
            }
        }
    };
    check_schema(*registry.schema(type.schema), before, after, "");
    for (const auto& extension : type.extensions) {
        check_schema(*registry.schema(extension.schema), before.get(extension.schema, Json::Value(Json::objectValue)),
                     after.get(extension.schema, Json::Value(Json::objectValue)), extension.schema + ":");
    }
}

Json::Value with_schemas(const schema::ResourceType& type, const Json::Value& attributes) {
    Json::Value resource = attributes;
    Json::Value schemas(Json::arrayValue);
    schemas.append(type.schema);
    for (const auto& extension : type.extensions) {
        if (attributes.isMember(extension.schema)) schemas.append(extension.schema);
    }
    resource["schemas"] = std::move(schemas);
    return resource;
}

Json::Value render_resource(const schema::ResourceType& type, const Json::Value& attributes, const ResourceMeta& meta) {
    Json::Value resource = with_schemas(type, attributes);
    resource["id"] = meta.id;
    Json::Value& m = resource["meta"];
    m["resourceType"] = type.name;
    m["created"] = meta.created;
    m["lastModified"] = meta.last_modified;
    m["location"] = meta.location;
    m["version"] = meta.version;
    return resource;
}

std::string render_resource_text(const schema::ResourceType& type, std::string_view attributes_json,
                                 std::string_view extensions, const ResourceMeta& meta, std::string_view extra_members) {
    auto present = [&](std::string_view urn) {
        for (std::size_t at = 0; at < extensions.size();) {
            std::size_t end = extensions.find(' ', at);
            if (end == std::string_view::npos) end = extensions.size();
            if (extensions.substr(at, end - at) == urn) return true;
            at = end + 1;
        }
        return false;
    };
    std::string out;
    out.reserve(attributes_json.size() + extra_members.size() + meta.location.size() + 256);
    out += "{\"schemas\":[";
    util::append_json_string(out, type.schema);
    for (const auto& extension : type.extensions) {
        if (!present(extension.schema)) continue;
        out += ',';
        util::append_json_string(out, extension.schema);
    }
    out += "],\"id\":";
    util::append_json_string(out, meta.id);
    // The object's members, without its braces (and the whitespace PostgreSQL writes).
    std::string_view members = attributes_json;
    auto open = members.find('{'), close = members.rfind('}');
    members = open == std::string_view::npos || close == std::string_view::npos || close <= open
                  ? std::string_view()
                  : members.substr(open + 1, close - open - 1);
    while (!members.empty() && (members.front() == ' ' || members.front() == '\n')) members.remove_prefix(1);
    if (!members.empty()) (out += ',') += members;
    if (!extra_members.empty()) (out += ',') += extra_members;
    out += ",\"meta\":{\"resourceType\":";
    util::append_json_string(out, type.name);
    out += ",\"created\":";
    util::append_json_string(out, meta.created);
    out += ",\"lastModified\":";
    util::append_json_string(out, meta.last_modified);
    out += ",\"location\":";
    util::append_json_string(out, meta.location);
    out += ",\"version\":";
    util::append_json_string(out, meta.version);
    out += "}}";
    return out;
}

}  // namespace scim
