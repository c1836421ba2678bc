// The schema registry: the single source of truth about schemas and resource types.
// The standard one is built once before the workers fork; an organisation with extension
// schemas of its own gets a copy extended with them (with_extensions). Read-only once built.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <string_view>
#include <vector>

#include "scim/schema/schema.h"

namespace scim::schema {

class Registry {
public:
    // The registry of everything this server serves: User (+ enterprise extension) and Group.
    static Registry standard();

    // This registry plus extension schemas, each paired with the name of the resource type it
    // extends (RFC 7643 §6 schemaExtensions, required false). REQUIRES: every schema came from
    // read_schema_definition against this registry and names an existing resource type.
    Registry with_extensions(std::vector<std::pair<Schema, std::string>> extensions) const;

    void add_schema(Schema schema);
    void add_resource_type(ResourceType resource_type);

    // Case-insensitive URN lookup; nullptr when unknown.
    const Schema* schema(std::string_view urn) const;
    // Lookup by resource type name ("User"), case-insensitive; nullptr when unknown.
    const ResourceType* resource_type(std::string_view name) const;

    // An attribute of `type` named by an optional schema URN and a name (RFC 7644 §3.10):
    // with no URN, the common attributes (id, externalId, meta, schemas), the core schema
    // and then the extensions are searched; with a URN, that schema, which must be the type's core schema
    // or one of its extensions. Case-insensitive. nullopt when there is no such attribute.
    struct Resolved {
        const Attribute* attribute = nullptr;
        std::string schema;  // URN of its schema; empty for the common attributes
    };
    std::optional<Resolved> resolve(const ResourceType& type, std::string_view urn, std::string_view name) const;

    const std::vector<Attribute>& common_attributes() const { return common_; }
    const std::vector<Schema>& schemas() const { return schemas_; }
    const std::vector<ResourceType>& resource_types() const { return resource_types_; }

private:
    std::vector<Attribute> common_;
    std::vector<Schema> schemas_;
    std::vector<ResourceType> resource_types_;
};

}  // namespace scim::schema
