// A schema (RFC 7643 §7) and a resource type (RFC 7643 §6): named groups of attributes
// and the endpoints that serve them.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "scim/schema/attribute.h"

namespace scim::schema {

struct Schema {
    std::string id;  // the URN
    std::string name;
    std::string description;
    std::vector<Attribute> attributes;

    // Case-insensitive lookup of a top-level attribute; nullptr when absent.
    const Attribute* find(std::string_view attribute_name) const;
};

struct SchemaExtension {
    std::string schema;  // URN of the extension schema
    bool required = false;
};

struct ResourceType {
    std::string id;        // "User"
    std::string name;      // "User"
    std::string endpoint;  // "/Users"
    std::string description;
    std::string schema;  // URN of the core schema
    std::vector<SchemaExtension> extensions;
};

namespace urn {
inline constexpr std::string_view kUser = "urn:ietf:params:scim:schemas:core:2.0:User";
inline constexpr std::string_view kEnterpriseUser =
    "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
inline constexpr std::string_view kGroup = "urn:ietf:params:scim:schemas:core:2.0:Group";
inline constexpr std::string_view kListResponse = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
inline constexpr std::string_view kError = "urn:ietf:params:scim:api:messages:2.0:Error";
inline constexpr std::string_view kPatchOp = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
inline constexpr std::string_view kSearchRequest = "urn:ietf:params:scim:api:messages:2.0:SearchRequest";
inline constexpr std::string_view kBulkRequest = "urn:ietf:params:scim:api:messages:2.0:BulkRequest";
inline constexpr std::string_view kBulkResponse = "urn:ietf:params:scim:api:messages:2.0:BulkResponse";
inline constexpr std::string_view kServiceProviderConfig =
    "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig";
inline constexpr std::string_view kResourceType = "urn:ietf:params:scim:schemas:core:2.0:ResourceType";
inline constexpr std::string_view kSchema = "urn:ietf:params:scim:schemas:core:2.0:Schema";
}  // namespace urn

}  // namespace scim::schema
