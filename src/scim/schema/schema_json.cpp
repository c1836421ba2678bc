#include "scim/schema/schema_json.h"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace scim::schema {

namespace {

Json::Value text(std::string_view value) {
    return Json::Value(std::string(value));
}

Json::Value string_array(const std::vector<std::string>& values) {
    Json::Value array(Json::arrayValue);
    for (const std::string& value : values) array.append(value);
    return array;
}

// RFC 7643 §2.2 and §7: caseExact speaks about how values compare, which means nothing for
// a boolean or for a complex attribute (whose sub-attributes carry their own). The RFC's
// §8.7.1 representations give it everywhere else, so we do too.
bool has_case_exact(Type type) {
    return type != Type::Complex && type != Type::Boolean;
}

}  // namespace

Json::Value attribute_to_json(const Attribute& attribute) {
    Json::Value json(Json::objectValue);
    json["name"] = attribute.name;
    json["type"] = text(to_string(attribute.type));
    json["multiValued"] = attribute.multi_valued;
    json["description"] = attribute.description;
    json["required"] = attribute.required;
    if (has_case_exact(attribute.type)) json["caseExact"] = attribute.case_exact;
    json["mutability"] = text(to_string(attribute.mutability));
    json["returned"] = text(to_string(attribute.returned));
    json["uniqueness"] = text(to_string(attribute.uniqueness));
    if (!attribute.canonical_values.empty()) {
        json["canonicalValues"] = string_array(attribute.canonical_values);
    }
    // RFC 7643 §7: referenceTypes is given for, and only for, attributes of type reference.
    if (attribute.type == Type::Reference) {
        json["referenceTypes"] = string_array(attribute.reference_types);
    }
    // RFC 7643 §7: subAttributes is given for, and only for, complex attributes.
    if (attribute.type == Type::Complex) {
        Json::Value subs(Json::arrayValue);
        for (const Attribute& sub : attribute.sub_attributes) subs.append(attribute_to_json(sub));
        json["subAttributes"] = std::move(subs);
    }
    return json;
}

Json::Value schema_to_json(const Schema& schema, const std::string& base_url) {
    Json::Value json(Json::objectValue);
    json["schemas"] = Json::Value(Json::arrayValue);
    json["schemas"].append(text(urn::kSchema));
    json["id"] = schema.id;
    json["name"] = schema.name;
    json["description"] = schema.description;
    Json::Value attributes(Json::arrayValue);
    for (const Attribute& attribute : schema.attributes)
        attributes.append(attribute_to_json(attribute));
    json["attributes"] = std::move(attributes);
    // A schema is served as a resource, so it carries meta (RFC 7643 §3.1), as the
    // §8.7.1 representations show.
    json["meta"]["resourceType"] = "Schema";
    json["meta"]["location"] = base_url + "/Schemas/" + schema.id;
    return json;
}

Json::Value resource_type_to_json(const ResourceType& resource_type, const std::string& base_url) {
    Json::Value json(Json::objectValue);
    json["schemas"] = Json::Value(Json::arrayValue);
    json["schemas"].append(text(urn::kResourceType));
    json["id"] = resource_type.id;
    json["name"] = resource_type.name;
    json["endpoint"] = resource_type.endpoint;
    json["description"] = resource_type.description;
    json["schema"] = resource_type.schema;
    // RFC 7643 §6: schemaExtensions is OPTIONAL; the §8.6 Group example leaves it out
    // when there are none, and so do we.
    if (!resource_type.extensions.empty()) {
        Json::Value extensions(Json::arrayValue);
        for (const SchemaExtension& extension : resource_type.extensions) {
            Json::Value entry(Json::objectValue);
            entry["schema"] = extension.schema;
            entry["required"] = extension.required;
            extensions.append(std::move(entry));
        }
        json["schemaExtensions"] = std::move(extensions);
    }
    json["meta"]["resourceType"] = "ResourceType";
    json["meta"]["location"] = base_url + "/ResourceTypes/" + resource_type.id;
    return json;
}

}  // namespace scim::schema
