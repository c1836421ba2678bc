// The schema registry: the single source of truth about schemas and resource types.
// Built once before the workers fork; read-only afterwards.
#pragma once

#include <string_view>
#include <vector>

#include "scim/schema/schema.h"

namespace scim::schema {

class Registry {
public:
    // The registry of everything this server serves: User (+ enterprise extension) and Group.
    static Registry standard();

    void add_schema(Schema schema);
    void add_resource_type(ResourceType resource_type);

    // Case-insensitive URN lookup; nullptr when unknown.
    const Schema* schema(std::string_view urn) const;
    // Lookup by resource type name ("User"), case-insensitive; nullptr when unknown.
    const ResourceType* resource_type(std::string_view name) const;

    const std::vector<Schema>& schemas() const { return schemas_; }
    const std::vector<ResourceType>& resource_types() const { return resource_types_; }

private:
    std::vector<Schema> schemas_;
    std::vector<ResourceType> resource_types_;
};

}  // namespace scim::schema
