// The discovery renderings of the registry: an attribute and a schema as RFC 7643 §7
// shows them (/Schemas), a resource type as RFC 7643 §6 shows it (/ResourceTypes).
#pragma once

#include <json/value.h>

#include <string>

#include "scim/schema/attribute.h"
#include "scim/schema/schema.h"

namespace scim::schema {

// One attribute definition with its characteristics (RFC 7643 §7 "attributes"), its
// sub-attributes rendered the same way.
Json::Value attribute_to_json(const Attribute& attribute);

// A Schema resource. REQUIRES: base_url is absolute and has no trailing slash
// ("https://host/orgs/acme/api/v1/scim/v2"); meta.location is base_url + "/Schemas/" + id.
Json::Value schema_to_json(const Schema& schema, const std::string& base_url);

// A ResourceType resource. REQUIRES: base_url as above; meta.location is
// base_url + "/ResourceTypes/" + id.
Json::Value resource_type_to_json(const ResourceType& resource_type, const std::string& base_url);

}  // namespace scim::schema
