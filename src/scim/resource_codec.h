// Decoding a client-sent resource (POST/PUT body) against the schema registry into
// normalized attributes, and rendering stored attributes back into a SCIM resource.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <json/value.h>

#include "scim/schema/registry.h"

namespace scim {

struct DecodedResource {
    // Canonical attribute names; core attributes at top level, each extension's attributes
    // under its URN; no schemas, id, meta, read-only or write-only attributes; no nulls.
    Json::Value attributes{Json::objectValue};
    // Write-only password (RFC 7643 §4.1.1), for the caller to hash; never stored as given.
    std::optional<std::string> password;
};

// RFC 7643 §2–§4 validation. Liberal where real identity providers are: read-only attributes
// (id, meta, groups) are ignored, null means unassigned, listed schema URNs with no data are
// accepted, booleans sent as "true"/"false" strings are accepted.
// Throws ScimError (invalidSyntax for structure, invalidValue for types and required values).
DecodedResource decode_resource(const schema::Registry& registry, const schema::ResourceType& type,
                                const Json::Value& body);

// One attribute's value validated and normalized as decode_resource does it (types,
// canonical sub-attribute names, read-only sub-attributes dropped, at most one primary).
// Returns null for "unassigned" (null, [] or {}). `path` names the attribute in errors.
Json::Value decode_attribute(const schema::Attribute& attribute, const std::string& path, const Json::Value& value);

// Immutable attributes (RFC 7643 §2.2) may be set once: throws ScimError::mutability when an
// attribute that `before` has is given a different value in `after`.
void check_immutable(const schema::Registry& registry, const schema::ResourceType& type,
                     const Json::Value& before, const Json::Value& after);

struct ResourceMeta {
    std::string id;
    std::string created;        // RFC 3339 instant
    std::string last_modified;  // RFC 3339 instant
    std::string version;        // ETag value, e.g. W/"3"
    std::string location;       // absolute URL
};

// The attributes with the `schemas` their representation carries: the core schema and each
// extension that holds data (RFC 7643 §3). Also the body decode_resource takes back.
Json::Value with_schemas(const schema::ResourceType& type, const Json::Value& attributes);

// The full representation: schemas (core + extensions with data), id, attributes, meta.
Json::Value render_resource(const schema::ResourceType& type, const Json::Value& attributes,
                            const ResourceMeta& meta);

// The same resource as render_resource, as JSON text written around attributes_json instead
// of a parsed and copied tree: what a read answers where no projection applies.
// `extra_members` ("" or `"name":value,...` text) is added after the attributes.
// REQUIRES: attributes_json is the text of a JSON object of normalized attributes, which
// never hold schemas, id or meta (decode_resource drops them); extensions lists, separated
// by spaces, the extension URNs among its keys.
std::string render_resource_text(const schema::ResourceType& type, std::string_view attributes_json,
                                 std::string_view extensions, const ResourceMeta& meta,
                                 std::string_view extra_members = {});

}  // namespace scim
