// The schema registry against RFC 7643: attribute characteristics (§4, §8.7.1), lookups,
// resource types (§6, §8.6) and their discovery renderings (§6, §7).
#include "scim/schema/registry.h"

#include <json/value.h>

#include <boost/test/unit_test.hpp>
#include <ostream>
#include <string>
#include <vector>

#include "scim/schema/core_schemas.h"
#include "scim/schema/schema_json.h"

// Boost.Test prints a failed comparison's operands; found by ADL, these print the
// characteristics in their RFC 7643 §7 spelling.
namespace scim::schema {
std::ostream& boost_test_print_type(std::ostream& out, const Type& value) {
    return out << to_string(value);
}
std::ostream& boost_test_print_type(std::ostream& out, const Mutability& value) {
    return out << to_string(value);
}
std::ostream& boost_test_print_type(std::ostream& out, const Returned& value) {
    return out << to_string(value);
}
std::ostream& boost_test_print_type(std::ostream& out, const Uniqueness& value) {
    return out << to_string(value);
}
}  // namespace scim::schema

namespace {

using scim::schema::Attribute;
using scim::schema::Mutability;
using scim::schema::Registry;
using scim::schema::Returned;
using scim::schema::Type;
using scim::schema::Uniqueness;
namespace urn = scim::schema::urn;

const std::string kBaseUrl = "https://scim.example.com/orgs/acme/api/v1/scim/v2";

const Attribute& user_attribute(const Registry& registry, const std::string& name) {
    const auto* schema = registry.schema(urn::kUser);
    BOOST_REQUIRE(schema != nullptr);
    const Attribute* attribute = schema->find(name);
    BOOST_REQUIRE_MESSAGE(attribute != nullptr, "User has no attribute " << name);
    return *attribute;
}

const Attribute& sub(const Attribute& parent, const std::string& name) {
    const Attribute* found = parent.find_sub(name);
    BOOST_REQUIRE_MESSAGE(found != nullptr, parent.name << " has no sub-attribute " << name);
    return *found;
}

// The element of a JSON "attributes" or "subAttributes" array with this name.
const Json::Value& json_attribute(const Json::Value& array, const std::string& name) {
    for (const Json::Value& entry : array) {
        if (entry["name"].asString() == name) return entry;
    }
    BOOST_FAIL("no attribute " << name << " in JSON");
    static const Json::Value kNull;  // unreachable: BOOST_FAIL throws; keeps the compiler content
    return kNull;
}

std::vector<std::string> strings(const Json::Value& array) {
    std::vector<std::string> out;
    for (const Json::Value& value : array) out.push_back(value.asString());
    return out;
}

bool ends_with(const std::string& text, const std::string& suffix) {
    return text.size() >= suffix.size() &&
           text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(registry_test)

BOOST_AUTO_TEST_CASE(standard_registry_holds_user_enterprise_and_group_schemas) {
    const Registry registry = Registry::standard();
    BOOST_TEST(registry.schemas().size() == 3u);
    BOOST_TEST(registry.resource_types().size() == 2u);
    BOOST_TEST(registry.schema(urn::kUser) != nullptr);
    BOOST_TEST(registry.schema(urn::kEnterpriseUser) != nullptr);
    BOOST_TEST(registry.schema(urn::kGroup) != nullptr);
}

// RFC 7643 §4.1.1: userName is REQUIRED, unique across the service provider, and
// §8.7.1 gives it caseExact false.
BOOST_AUTO_TEST_CASE(user_name_is_required_server_unique_and_not_case_exact) {
    const Registry registry = Registry::standard();
    const Attribute& user_name = user_attribute(registry, "userName");
    BOOST_TEST(user_name.type == Type::String);
    BOOST_TEST(user_name.required);
    BOOST_TEST(user_name.uniqueness == Uniqueness::Server);
    BOOST_TEST(!user_name.case_exact);
    BOOST_TEST(!user_name.multi_valued);
    BOOST_TEST(user_name.mutability == Mutability::ReadWrite);
}

// RFC 7643 §4.1.1: the password is never returned; §8.7.1: writeOnly, returned never.
BOOST_AUTO_TEST_CASE(password_is_write_only_and_never_returned) {
    const Registry registry = Registry::standard();
    const Attribute& password = user_attribute(registry, "password");
    BOOST_TEST(password.mutability == Mutability::WriteOnly);
    BOOST_TEST(password.returned == Returned::Never);
    BOOST_TEST(!password.required);
}

// RFC 7643 §4.1.2: groups is read-only; membership changes through the Group resource.
BOOST_AUTO_TEST_CASE(groups_and_its_sub_attributes_are_read_only) {
    const Registry registry = Registry::standard();
    const Attribute& groups = user_attribute(registry, "groups");
    BOOST_TEST(groups.type == Type::Complex);
    BOOST_TEST(groups.multi_valued);
    BOOST_TEST(groups.mutability == Mutability::ReadOnly);
    for (const char* name : {"value", "$ref", "display", "type"}) {
        BOOST_TEST_CONTEXT("groups." << name) {
            BOOST_TEST(sub(groups, name).mutability == Mutability::ReadOnly);
        }
    }
    BOOST_TEST(sub(groups, "$ref").type == Type::Reference);
    BOOST_TEST(
        sub(groups, "type").canonical_values == (std::vector<std::string>{"direct", "indirect"}),
        boost::test_tools::per_element());
}

// RFC 7643 §4.1.2: emails is multi-valued with canonical types "work", "home", "other".
BOOST_AUTO_TEST_CASE(emails_is_multi_valued_complex_with_canonical_types) {
    const Registry registry = Registry::standard();
    const Attribute& emails = user_attribute(registry, "emails");
    BOOST_TEST(emails.type == Type::Complex);
    BOOST_TEST(emails.multi_valued);
    for (const char* name : {"value", "display", "type", "primary"}) {
        BOOST_TEST_CONTEXT("emails." << name) {
            BOOST_TEST(emails.find_sub(name) != nullptr);
        }
    }
    BOOST_TEST(
        sub(emails, "type").canonical_values == (std::vector<std::string>{"work", "home", "other"}),
        boost::test_tools::per_element());
    BOOST_TEST(sub(emails, "primary").type == Type::Boolean);
}

BOOST_AUTO_TEST_CASE(multi_valued_attributes_of_user_are_complex) {
    const Registry registry = Registry::standard();
    for (const char* name : {"emails", "phoneNumbers", "ims", "photos", "addresses", "groups",
                             "entitlements", "roles", "x509Certificates"}) {
        BOOST_TEST_CONTEXT(name) {
            const Attribute& attribute = user_attribute(registry, name);
            BOOST_TEST(attribute.multi_valued);
            BOOST_TEST(attribute.type == Type::Complex);
            BOOST_TEST(attribute.find_sub("type") != nullptr);
        }
    }
}

// RFC 7643 §4.1.1 / §4.1.2: reference and binary values.
BOOST_AUTO_TEST_CASE(urls_are_external_references_and_certificates_are_binary) {
    const Registry registry = Registry::standard();
    const Attribute& profile_url = user_attribute(registry, "profileUrl");
    BOOST_TEST(profile_url.type == Type::Reference);
    BOOST_TEST(profile_url.reference_types == (std::vector<std::string>{"external"}),
               boost::test_tools::per_element());
    const Attribute& photo = sub(user_attribute(registry, "photos"), "value");
    BOOST_TEST(photo.type == Type::Reference);
    BOOST_TEST(photo.reference_types == (std::vector<std::string>{"external"}),
               boost::test_tools::per_element());
    BOOST_TEST(sub(user_attribute(registry, "x509Certificates"), "value").type == Type::Binary);
    BOOST_TEST(user_attribute(registry, "active").type == Type::Boolean);
}

BOOST_AUTO_TEST_CASE(name_has_the_six_components) {
    const Registry registry = Registry::standard();
    const Attribute& name = user_attribute(registry, "name");
    BOOST_TEST(name.type == Type::Complex);
    BOOST_TEST(!name.multi_valued);
    for (const char* component : {"formatted", "familyName", "givenName", "middleName",
                                  "honorificPrefix", "honorificSuffix"}) {
        BOOST_TEST_CONTEXT(component) {
            BOOST_TEST(sub(name, component).type == Type::String);
        }
    }
    BOOST_TEST(name.sub_attributes.size() == 6u);
}

BOOST_AUTO_TEST_CASE(addresses_have_the_postal_components) {
    const Registry registry = Registry::standard();
    const Attribute& addresses = user_attribute(registry, "addresses");
    for (const char* component : {"formatted", "streetAddress", "locality", "region", "postalCode",
                                  "country", "type", "primary"}) {
        BOOST_TEST_CONTEXT(component) {
            BOOST_TEST(addresses.find_sub(component) != nullptr);
        }
    }
}

// RFC 7643 §8.7.1 leaves the common attributes (§3.1) out of the resource schemas.
BOOST_AUTO_TEST_CASE(common_attributes_are_not_in_the_user_schema) {
    const Registry registry = Registry::standard();
    const auto* user = registry.schema(urn::kUser);
    BOOST_REQUIRE(user != nullptr);
    BOOST_TEST(user->find("id") == nullptr);
    BOOST_TEST(user->find("externalId") == nullptr);
    BOOST_TEST(user->find("meta") == nullptr);
}

// RFC 7643 §2.1: attribute names are case-insensitive.
BOOST_AUTO_TEST_CASE(attribute_lookups_are_case_insensitive) {
    const Registry registry = Registry::standard();
    const auto* user = registry.schema(urn::kUser);
    BOOST_REQUIRE(user != nullptr);
    const Attribute* user_name = user->find("USERNAME");
    BOOST_REQUIRE(user_name != nullptr);
    BOOST_TEST(user_name->name == "userName");
    BOOST_TEST(sub(*user->find("Name"), "FAMILYNAME").name == "familyName");
    BOOST_TEST(user->find("emails")->find_sub("$REF") == nullptr);
    BOOST_TEST(user->find("groups")->find_sub("$REF")->name == "$ref");
}

BOOST_AUTO_TEST_CASE(schema_and_resource_type_lookups_are_case_insensitive) {
    const Registry registry = Registry::standard();
    const auto* user = registry.schema("URN:IETF:PARAMS:SCIM:SCHEMAS:CORE:2.0:USER");
    BOOST_REQUIRE(user != nullptr);
    BOOST_TEST(user->id == std::string(urn::kUser));
    const auto* enterprise =
        registry.schema("urn:ietf:params:scim:schemas:extension:Enterprise:2.0:user");
    BOOST_REQUIRE(enterprise != nullptr);
    BOOST_TEST(enterprise->id == std::string(urn::kEnterpriseUser));
    const auto* group_type = registry.resource_type("group");
    BOOST_REQUIRE(group_type != nullptr);
    BOOST_TEST(group_type->name == "Group");
    BOOST_TEST(registry.resource_type("USER") != nullptr);
}

BOOST_AUTO_TEST_CASE(unknown_lookups_return_null) {
    const Registry registry = Registry::standard();
    BOOST_TEST(registry.schema("urn:ietf:params:scim:schemas:core:2.0:Device") == nullptr);
    BOOST_TEST(registry.schema("") == nullptr);
    BOOST_TEST(registry.schema(std::string(urn::kUser) + ":userName") == nullptr);
    BOOST_TEST(registry.resource_type("Device") == nullptr);
    BOOST_TEST(registry.resource_type("Users") == nullptr);
    const auto* user = registry.schema(urn::kUser);
    BOOST_REQUIRE(user != nullptr);
    BOOST_TEST(user->find("userNam") == nullptr);
    BOOST_TEST(user->find("") == nullptr);
    BOOST_TEST(user->find("emails")->find_sub("nope") == nullptr);
    BOOST_TEST(user->find("userName")->find_sub("value") == nullptr);
}

// RFC 7643 §8.6: the User resource type carries the enterprise extension, not required.
BOOST_AUTO_TEST_CASE(user_resource_type_has_the_optional_enterprise_extension) {
    const Registry registry = Registry::standard();
    const auto* user = registry.resource_type("User");
    BOOST_REQUIRE(user != nullptr);
    BOOST_TEST(user->id == "User");
    BOOST_TEST(user->endpoint == "/Users");
    BOOST_TEST(user->schema == std::string(urn::kUser));
    BOOST_REQUIRE(user->extensions.size() == 1u);
    BOOST_TEST(user->extensions[0].schema == std::string(urn::kEnterpriseUser));
    BOOST_TEST(!user->extensions[0].required);
}

BOOST_AUTO_TEST_CASE(group_resource_type_serves_the_group_schema_without_extensions) {
    const Registry registry = Registry::standard();
    const auto* group = registry.resource_type("Group");
    BOOST_REQUIRE(group != nullptr);
    BOOST_TEST(group->endpoint == "/Groups");
    BOOST_TEST(group->schema == std::string(urn::kGroup));
    BOOST_TEST(group->extensions.empty());
}

// RFC 7643 §4.2: displayName is REQUIRED; sub-attributes of members are immutable.
BOOST_AUTO_TEST_CASE(group_display_name_is_required_and_members_are_immutable) {
    const Registry registry = Registry::standard();
    const auto* group = registry.schema(urn::kGroup);
    BOOST_REQUIRE(group != nullptr);
    BOOST_REQUIRE(group->find("displayName") != nullptr);
    BOOST_TEST(group->find("displayName")->required);
    const Attribute* members = group->find("members");
    BOOST_REQUIRE(members != nullptr);
    BOOST_TEST(members->multi_valued);
    BOOST_TEST(members->type == Type::Complex);
    BOOST_TEST(members->mutability == Mutability::ReadWrite);
    for (const Attribute& member_sub : members->sub_attributes) {
        BOOST_TEST_CONTEXT("members." << member_sub.name) {
            BOOST_TEST(member_sub.mutability == Mutability::Immutable);
        }
    }
    BOOST_TEST(sub(*members, "$ref").reference_types == (std::vector<std::string>{"User", "Group"}),
               boost::test_tools::per_element());
    BOOST_TEST(
        sub(*members, "type").canonical_values == (std::vector<std::string>{"User", "Group"}),
        boost::test_tools::per_element());
}

// RFC 7643 §4.3: the manager references another User; its displayName is read-only.
BOOST_AUTO_TEST_CASE(enterprise_manager_references_a_user) {
    const Registry registry = Registry::standard();
    const auto* enterprise = registry.schema(urn::kEnterpriseUser);
    BOOST_REQUIRE(enterprise != nullptr);
    for (const char* name :
         {"employeeNumber", "costCenter", "organization", "division", "department"}) {
        BOOST_TEST_CONTEXT(name) {
            BOOST_REQUIRE(enterprise->find(name) != nullptr);
            BOOST_TEST(enterprise->find(name)->type == Type::String);
        }
    }
    const Attribute* manager = enterprise->find("manager");
    BOOST_REQUIRE(manager != nullptr);
    BOOST_TEST(manager->type == Type::Complex);
    BOOST_TEST(!manager->multi_valued);
    BOOST_TEST(sub(*manager, "value").type == Type::String);
    BOOST_TEST(sub(*manager, "$ref").reference_types == (std::vector<std::string>{"User"}),
               boost::test_tools::per_element());
    BOOST_TEST(sub(*manager, "displayName").mutability == Mutability::ReadOnly);
}

// RFC 7643 §7 spellings.
BOOST_AUTO_TEST_CASE(characteristics_use_the_rfc_spellings) {
    using scim::schema::to_string;
    BOOST_TEST(to_string(Type::DateTime) == "dateTime");
    BOOST_TEST(to_string(Type::Reference) == "reference");
    BOOST_TEST(to_string(Type::Binary) == "binary");
    BOOST_TEST(to_string(Type::Decimal) == "decimal");
    BOOST_TEST(to_string(Mutability::ReadOnly) == "readOnly");
    BOOST_TEST(to_string(Mutability::ReadWrite) == "readWrite");
    BOOST_TEST(to_string(Mutability::Immutable) == "immutable");
    BOOST_TEST(to_string(Mutability::WriteOnly) == "writeOnly");
    BOOST_TEST(to_string(Returned::Always) == "always");
    BOOST_TEST(to_string(Returned::Request) == "request");
    BOOST_TEST(to_string(Uniqueness::Global) == "global");
    BOOST_TEST(to_string(Uniqueness::None) == "none");
}

// RFC 7643 §7 and the §8.7.1 representation of the User schema.
BOOST_AUTO_TEST_CASE(user_schema_json_matches_the_rfc_representation) {
    const Registry registry = Registry::standard();
    const Json::Value json = scim::schema::schema_to_json(*registry.schema(urn::kUser), kBaseUrl);
    BOOST_REQUIRE(json["schemas"].isArray());
    BOOST_TEST(json["schemas"][0].asString() == std::string(urn::kSchema));
    BOOST_TEST(json["id"].asString() == std::string(urn::kUser));
    BOOST_TEST(json["name"].asString() == "User");
    BOOST_TEST(json["description"].asString() == "User Account");
    BOOST_TEST(json["meta"]["resourceType"].asString() == "Schema");
    BOOST_TEST(json["meta"]["location"].asString() ==
               kBaseUrl + "/Schemas/urn:ietf:params:scim:schemas:core:2.0:User");
    BOOST_TEST(ends_with(json["meta"]["location"].asString(),
                         "/Schemas/urn:ietf:params:scim:schemas:core:2.0:User"));

    const Json::Value& user_name = json_attribute(json["attributes"], "userName");
    BOOST_TEST(user_name["type"].asString() == "string");
    BOOST_TEST(user_name["multiValued"].asBool() == false);
    BOOST_TEST(user_name["required"].asBool() == true);
    BOOST_TEST(user_name["caseExact"].isBool());
    BOOST_TEST(user_name["caseExact"].asBool() == false);
    BOOST_TEST(user_name["mutability"].asString() == "readWrite");
    BOOST_TEST(user_name["returned"].asString() == "default");
    BOOST_TEST(user_name["uniqueness"].asString() == "server");
    BOOST_TEST(!user_name["description"].asString().empty());
    BOOST_TEST(!user_name.isMember("subAttributes"));
    BOOST_TEST(!user_name.isMember("referenceTypes"));
    BOOST_TEST(!user_name.isMember("canonicalValues"));

    const Json::Value& password = json_attribute(json["attributes"], "password");
    BOOST_TEST(password["mutability"].asString() == "writeOnly");
    BOOST_TEST(password["returned"].asString() == "never");

    const Json::Value& profile_url = json_attribute(json["attributes"], "profileUrl");
    BOOST_TEST(profile_url["type"].asString() == "reference");
    BOOST_TEST(strings(profile_url["referenceTypes"]) == (std::vector<std::string>{"external"}),
               boost::test_tools::per_element());

    const Json::Value& active = json_attribute(json["attributes"], "active");
    BOOST_TEST(active["type"].asString() == "boolean");
    BOOST_TEST(!active.isMember("caseExact"));

    const Json::Value& emails = json_attribute(json["attributes"], "emails");
    BOOST_TEST(emails["type"].asString() == "complex");
    BOOST_TEST(emails["multiValued"].asBool() == true);
    BOOST_TEST(!emails.isMember("caseExact"));
    BOOST_REQUIRE(emails["subAttributes"].isArray());
    const Json::Value& email_type = json_attribute(emails["subAttributes"], "type");
    BOOST_TEST(strings(email_type["canonicalValues"]) ==
                   (std::vector<std::string>{"work", "home", "other"}),
               boost::test_tools::per_element());

    const Json::Value& groups = json_attribute(json["attributes"], "groups");
    BOOST_TEST(groups["mutability"].asString() == "readOnly");
}

BOOST_AUTO_TEST_CASE(group_schema_json_has_members_with_sub_attributes) {
    const Registry registry = Registry::standard();
    const Json::Value json = scim::schema::schema_to_json(*registry.schema(urn::kGroup), kBaseUrl);
    BOOST_TEST(json["meta"]["location"].asString() ==
               kBaseUrl + "/Schemas/urn:ietf:params:scim:schemas:core:2.0:Group");
    BOOST_TEST(json_attribute(json["attributes"], "displayName")["required"].asBool() == true);
    const Json::Value& members = json_attribute(json["attributes"], "members");
    const Json::Value& ref = json_attribute(members["subAttributes"], "$ref");
    BOOST_TEST(ref["type"].asString() == "reference");
    BOOST_TEST(ref["mutability"].asString() == "immutable");
    BOOST_TEST(strings(ref["referenceTypes"]) == (std::vector<std::string>{"User", "Group"}),
               boost::test_tools::per_element());
}

// RFC 7643 §6 and the §8.6 representation of the User resource type.
BOOST_AUTO_TEST_CASE(user_resource_type_json_matches_the_rfc_representation) {
    const Registry registry = Registry::standard();
    const Json::Value json =
        scim::schema::resource_type_to_json(*registry.resource_type("User"), kBaseUrl);
    BOOST_REQUIRE(json["schemas"].isArray());
    BOOST_TEST(json["schemas"].size() == 1u);
    BOOST_TEST(json["schemas"][0].asString() == std::string(urn::kResourceType));
    BOOST_TEST(json["id"].asString() == "User");
    BOOST_TEST(json["name"].asString() == "User");
    BOOST_TEST(json["endpoint"].asString() == "/Users");
    BOOST_TEST(json["description"].asString() == "User Account");
    BOOST_TEST(json["schema"].asString() == std::string(urn::kUser));
    BOOST_REQUIRE(json["schemaExtensions"].isArray());
    BOOST_REQUIRE(json["schemaExtensions"].size() == 1u);
    BOOST_TEST(json["schemaExtensions"][0]["schema"].asString() ==
               std::string(urn::kEnterpriseUser));
    BOOST_TEST(json["schemaExtensions"][0]["required"].isBool());
    BOOST_TEST(json["schemaExtensions"][0]["required"].asBool() == false);
    BOOST_TEST(json["meta"]["resourceType"].asString() == "ResourceType");
    BOOST_TEST(json["meta"]["location"].asString() == kBaseUrl + "/ResourceTypes/User");
}

BOOST_AUTO_TEST_CASE(group_resource_type_json_points_at_the_group_endpoint) {
    const Registry registry = Registry::standard();
    const Json::Value json =
        scim::schema::resource_type_to_json(*registry.resource_type("Group"), kBaseUrl);
    BOOST_TEST(json["id"].asString() == "Group");
    BOOST_TEST(json["endpoint"].asString() == "/Groups");
    BOOST_TEST(json["schema"].asString() == std::string(urn::kGroup));
    BOOST_TEST(json["meta"]["location"].asString() == kBaseUrl + "/ResourceTypes/Group");
}

BOOST_AUTO_TEST_SUITE_END()
