#include "scim/schema/registry.h"

#include <string>
#include <utility>

#include "scim/schema/core_schemas.h"

#include "util/ascii.h"

namespace scim::schema {

Registry Registry::standard() {
    Registry registry;
    registry.common_ = scim::schema::common_attributes();
    registry.add_schema(user_schema());
    registry.add_schema(enterprise_user_schema());
    registry.add_schema(group_schema());

    // RFC 7643 §8.6: the User and Group resource types as the RFC's own example defines them.
    registry.add_resource_type(ResourceType{
        .id = "User",
        .name = "User",
        .endpoint = "/Users",
        .description = "User Account",
        .schema = std::string(urn::kUser),
        .extensions = {SchemaExtension{.schema = std::string(urn::kEnterpriseUser),
                                       .required = false}},
    });
    registry.add_resource_type(ResourceType{
        .id = "Group",
        .name = "Group",
        .endpoint = "/Groups",
        .description = "Group",
        .schema = std::string(urn::kGroup),
        .extensions = {},
    });
    return registry;
}

Registry Registry::with_extensions(std::vector<std::pair<Schema, std::string>> extensions) const {
    Registry extended = *this;
    for (auto& [schema, type_name] : extensions) {
        for (ResourceType& type : extended.resource_types_) {
            if (util::iequals(type.name, type_name)) type.extensions.push_back(SchemaExtension{schema.id, false});
        }
        extended.add_schema(std::move(schema));
    }
    return extended;
}

void Registry::add_schema(Schema schema) {
    schemas_.push_back(std::move(schema));
}

void Registry::add_resource_type(ResourceType resource_type) {
    resource_types_.push_back(std::move(resource_type));
}

// A schema URI is the prefix of a fully qualified attribute name (RFC 7644 §3.10), and
// attribute names are case-insensitive (RFC 7643 §2.1), so URIs compare the same way.
const Schema* Registry::schema(std::string_view urn) const {
    for (const Schema& candidate : schemas_) {
        if (util::iequals(candidate.id, urn)) return &candidate;
    }
    return nullptr;
}

const ResourceType* Registry::resource_type(std::string_view name) const {
    for (const ResourceType& candidate : resource_types_) {
        if (util::iequals(candidate.name, name)) return &candidate;
    }
    return nullptr;
}

std::optional<Registry::Resolved> Registry::resolve(const ResourceType& type, std::string_view urn,
                                                    std::string_view name) const {
    if (urn.empty()) {
        for (const Attribute& attribute : common_) {
            if (util::iequals(attribute.name, name)) return Resolved{&attribute, ""};
        }
        if (const Schema* core = schema(type.schema)) {
            if (const Attribute* attribute = core->find(name)) return Resolved{attribute, core->id};
        }
        // Unqualified names of extension attributes (Entra's "manager") resolve when unambiguous.
        for (const auto& extension : type.extensions) {
            const Schema* found = schema(extension.schema);
            if (const Attribute* attribute = found != nullptr ? found->find(name) : nullptr) {
                return Resolved{attribute, found->id};
            }
        }
        return std::nullopt;
    }
    bool belongs = util::iequals(urn, type.schema);
    for (const auto& extension : type.extensions) belongs = belongs || util::iequals(urn, extension.schema);
    const Schema* found = belongs ? schema(urn) : nullptr;
    if (found == nullptr) return std::nullopt;
    const Attribute* attribute = found->find(name);
    if (attribute == nullptr) return std::nullopt;
    return Resolved{attribute, found->id};
}

}  // namespace scim::schema
